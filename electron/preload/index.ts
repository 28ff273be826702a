/**
 * The preload: exposes window.lesiontrack (invoke + onEvent) to the sandboxed page. Every call is
 * validated here before it crosses to main; nothing else of Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { BRIDGE_GLOBAL, type LesionTrackBridge } from '../api/bridge'
import type { ApiEvent, ApiResult } from '../api/contract'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../api/transport'
import { validateCall } from '../api/validate'

/** The one object the page sees; it holds no reference to ipcRenderer the page could reach. */
function createBridge(): LesionTrackBridge {
  return {
    async invoke(method: string, request: unknown): Promise<ApiResult<unknown>> {
      const call = validateCall(method, request)
      if (!call.ok) return call
      return (await ipcRenderer.invoke(
        IPC_INVOKE_CHANNEL,
        call.method,
        call.request,
      )) as ApiResult<unknown>
    },
    onEvent(listener: (event: ApiEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function')
      const forward = (_event: IpcRendererEvent, apiEvent: ApiEvent) => listener(apiEvent)
      ipcRenderer.on(IPC_EVENT_CHANNEL, forward)
      return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward)
    },
  }
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge())
