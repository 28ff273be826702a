/**
 * The message shapes every worker of LesionTrack speaks (Signal's pattern): one interface types
 * the methods; requests and replies are discriminated unions carrying a sequence number.
 */

export type WorkerArgs<Methods, M extends keyof Methods> = Methods[M] extends (
  args: infer A,
) => unknown
  ? A
  : never

export type WorkerResult<Methods, M extends keyof Methods> = Methods[M] extends (
  args: never,
) => infer R
  ? R
  : never

export type WorkerRequest<Methods> = {
  [M in keyof Methods]: { seq: number; method: M; args: WorkerArgs<Methods, M> }
}[keyof Methods]

export type WorkerReply<Methods> =
  | { seq: number; kind: 'result'; value: WorkerResult<Methods, keyof Methods> }
  | { seq: number; kind: 'failure'; message: string }

/**
 * Buffers that can move to the other thread instead of being copied: only ones a typed array owns
 * whole, since detaching a shared buffer (Node's Buffer pool, WebAssembly memory) would break its
 * other users.
 */
export function ownedBuffers(arrays: Iterable<ArrayBufferView>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const array of arrays) {
    const whole = array.byteOffset === 0 && array.byteLength === array.buffer.byteLength
    if (whole && array.buffer instanceof ArrayBuffer) buffers.add(array.buffer)
  }
  return [...buffers]
}
