/**
 * Voxels of the series on screen, fetched once per series through the API. The Int16 arrays are
 * kept out of Vue's reactivity (markRaw); only each series' loading status is reactive.
 */
import { markRaw, reactive, readonly } from 'vue'
import type { VolumeVoxels } from '../../../electron/api/records'
import { ApiCallError, type ApiClient } from '../api/client'

export type VolumeStatus =
  { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string; hint: string }

export function createVolumesStore(client: ApiClient) {
  const status = reactive<Record<string, VolumeStatus>>({})
  const voxels = new Map<string, VolumeVoxels>()
  const inFlight = new Map<string, Promise<VolumeVoxels | null>>()

  /** The series' voxels, fetched on first use; null (with a 'failed' status) if that failed. */
  function ensureVolume(seriesInstanceUid: string): Promise<VolumeVoxels | null> {
    const loaded = voxels.get(seriesInstanceUid)
    if (loaded) return Promise.resolve(loaded)
    const pending = inFlight.get(seriesInstanceUid)
    if (pending) return pending
    status[seriesInstanceUid] = { kind: 'loading' }
    const request = client
      .call('getVolume', { seriesInstanceUid })
      .then((volume) => {
        voxels.set(seriesInstanceUid, markRaw(volume))
        status[seriesInstanceUid] = { kind: 'ready' }
        return volume
      })
      .catch((error: unknown) => {
        status[seriesInstanceUid] =
          error instanceof ApiCallError
            ? { kind: 'failed', message: error.apiError.message, hint: error.apiError.hint }
            : { kind: 'failed', message: String(error), hint: 'Reload the page' }
        return null
      })
      .finally(() => inFlight.delete(seriesInstanceUid))
    inFlight.set(seriesInstanceUid, request)
    return request
  }

  /** Drops every cached volume, e.g. when another folder is opened. */
  function clear(): void {
    voxels.clear()
    for (const key of Object.keys(status)) delete status[key]
  }

  return { status: readonly(status), ensureVolume, clear }
}

export type VolumesStore = ReturnType<typeof createVolumesStore>
