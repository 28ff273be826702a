/**
 * IPC between the window and main: every call is checked to come from our own page, validated,
 * and answered as an ApiResult; events are pushed on their own channel.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import type { ApiEvent, ApiHandlers, ApiResult } from '../api/contract'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../api/transport'
import { handleApiCall } from '../core/service/handle-call'

/** Answers the renderer's API calls until the app quits. */
export function registerApiHandlers(handlers: ApiHandlers, trustedUrl: () => string): void {
  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (
      event: IpcMainInvokeEvent,
      method: unknown,
      request: unknown,
    ): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event, trustedUrl())) {
        return {
          ok: false,
          error: {
            code: 'untrusted-sender',
            message: 'This page may not call LesionTrack',
            hint: 'Only the LesionTrack window can use its API',
          },
        }
      }
      return handleApiCall(handlers, method, request)
    },
  )
}

/** Pushes an event to the window, if it is still open. */
export function sendEvent(window: BrowserWindow | null, event: ApiEvent): void {
  if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event)
}

/** True when the call comes from the top frame of our renderer (same file or dev server). */
function isTrustedSender(event: IpcMainInvokeEvent, trusted: string): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  const sender = new URL(frame.url)
  const expected = new URL(trusted)
  return sender.protocol === 'file:'
    ? sender.pathname === expected.pathname
    : sender.origin === expected.origin
}
