/**
 * Which ONNX Runtime execution providers to try, best first, on this platform, and what the user
 * may ask for instead. The session tries them in order and falls back to CPU.
 */

/** ONNX Runtime's names of the providers LesionTrack knows how to use. */
export const EXECUTION_PROVIDERS = ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'] as const
export type ExecutionProviderName = (typeof EXECUTION_PROVIDERS)[number]

/** What a caller may request: one provider, or `auto` for the best one that works. */
export type ProviderChoice = ExecutionProviderName | 'auto'

/** Why `auto` did not try WebGPU on a Linux system without the Vulkan loader. */
export const NO_VULKAN_LOADER =
  'not tried: no Vulkan loader (libvulkan.so.1) on this system, which WebGPU needs on Linux'

/**
 * Providers to try for `auto`, best first. CUDA only where its libraries were installed beside
 * onnxruntime-node (it is never bundled); DirectML only on Windows; CoreML only on macOS;
 * WebGPU everywhere else a GPU adapter may exist (on Linux only with a Vulkan loader); CPU
 * always last, as the fallback.
 */
export function providerOrder(
  platform: NodeJS.Platform,
  backends: readonly { name: string; bundled: boolean }[],
  vulkanLoader = true,
): ExecutionProviderName[] {
  const has = (name: string) => backends.some((backend) => backend.name === name)
  const order: ExecutionProviderName[] = []
  if (has('cuda')) order.push('cuda')
  if (platform === 'win32' && has('dml')) order.push('dml')
  if (platform === 'darwin' && has('coreml')) order.push('coreml')
  if (has('webgpu') && (platform !== 'linux' || vulkanLoader)) order.push('webgpu')
  order.push('cpu')
  return order
}

/** Parses a user's --provider value; undefined when it names no known provider. */
export function parseProviderChoice(text: string): ProviderChoice | undefined {
  const choices: readonly string[] = [...EXECUTION_PROVIDERS, 'auto']
  return choices.includes(text) ? (text as ProviderChoice) : undefined
}
