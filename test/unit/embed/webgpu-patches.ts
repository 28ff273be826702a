/**
 * The few lesions embedded on both WebGPU and CPU by webgpu.test.ts: the software Vulkan driver
 * runs about ten patches a second, so the comparison stays small.
 */
import type { EmbeddingInputs } from '../../../electron/core/embed/onnx-embedder'
import { allocatePatchBatch, PatchExtractor } from '../../../electron/core/patch/extract'
import type { PatchSpec } from '../../../electron/core/patch/spec'
import { phantomCohort } from './phantom-patients'

export const WEBGPU_LESIONS = 3

export function webgpuTestPatches(spec: PatchSpec): EmbeddingInputs {
  const cohort = phantomCohort(1)
  const batch = allocatePatchBatch(spec, WEBGPU_LESIONS)
  const extractor = new PatchExtractor(spec)
  cohort.lesions.slice(0, WEBGPU_LESIONS).forEach(({ bookmark }, slot) => {
    const volume = cohort.volumes.get(bookmark.seriesInstanceUid)
    if (!volume) throw new Error(`no volume for ${bookmark.seriesInstanceUid}`)
    extractor.extractInto(volume, bookmark, batch, slot)
  })
  return { count: WEBGPU_LESIONS, ...batch }
}
