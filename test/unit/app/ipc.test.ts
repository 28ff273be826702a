// Main answers IPC only from its own page: a call from another page or from a sub-frame must be
// refused before it reaches the service, and a malformed request must be refused with a reason.
import { describe, expect, it, vi } from 'vitest'
import type { ApiHandlers, ApiResult } from '../../../electron/api/contract'
import { IPC_INVOKE_CHANNEL } from '../../../electron/api/transport'

type InvokeHandler = (
  event: unknown,
  method: unknown,
  request: unknown,
) => Promise<ApiResult<unknown>>

// Only Electron is replaced: ipcMain records the handler main registers.
const electron = vi.hoisted(() => ({ handlers: new Map<string, InvokeHandler>() }))
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: InvokeHandler) => electron.handlers.set(channel, handler),
  },
}))

const RENDERER = 'file:///opt/lesiontrack/out/renderer/index.html'
const calls: string[] = []
const handlers = {
  getPatient: async ({ patientId }: { patientId: string }) => {
    calls.push(patientId)
    return { patientId }
  },
} as unknown as ApiHandlers

function frame(url: string, isTop = true) {
  return { senderFrame: { url, parent: isTop ? null : {} } }
}

describe('IPC handlers', () => {
  it('answers validated calls from the app’s own page and refuses every other sender', async () => {
    const { registerApiHandlers } = await import('../../../electron/main/ipc')
    registerApiHandlers(handlers, () => RENDERER)
    const invoke = electron.handlers.get(IPC_INVOKE_CHANNEL)!

    expect(await invoke(frame(RENDERER), 'getPatient', { patientId: 'P1' })).toEqual({
      ok: true,
      value: { patientId: 'P1' },
    })
    for (const sender of [
      frame('https://example.com/'),
      frame('file:///home/me/Downloads/evil.html'),
      frame(RENDERER, false),
      { senderFrame: null },
    ]) {
      const result = await invoke(sender, 'getPatient', { patientId: 'P2' })
      expect(!result.ok && result.error.code).toBe('untrusted-sender')
    }
    const malformed = await invoke(frame(RENDERER), 'getPatient', { patientId: ['P3'] })
    expect(!malformed.ok && malformed.error.code).toBe('invalid-request')
    expect(calls).toEqual(['P1'])
  })
})
