// The preload is the page's only way into main: it must expose one small object, refuse every
// malformed call without reaching IPC, and forward valid calls and pushed events unchanged.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LesionTrackBridge } from '../../../electron/api/bridge'
import type { ApiEvent } from '../../../electron/api/contract'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../electron/api/transport'

// Only Electron is replaced: a recording contextBridge and ipcRenderer.
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>()
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  const invocations: unknown[][] = []
  return {
    exposed,
    listeners,
    invocations,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invocations.push(args)
        return { ok: true, value: { echoed: args.slice(1) } }
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)!.add(listener)
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        listeners.get(channel)?.delete(listener),
    },
  }
})
vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
}))

let bridge: LesionTrackBridge

beforeAll(async () => {
  await import('../../../electron/preload/index')
  bridge = electron.exposed.get('lesiontrack') as LesionTrackBridge
})
beforeEach(() => {
  electron.invocations.length = 0
})

describe('preload bridge', () => {
  it('exposes exactly one global with two functions', () => {
    expect([...electron.exposed.keys()]).toEqual(['lesiontrack'])
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent'])
  })

  it('forwards a valid call on the invoke channel with the validated request', async () => {
    const result = await bridge.invoke('getPatient', { patientId: 'P1' })
    expect(electron.invocations).toEqual([[IPC_INVOKE_CHANNEL, 'getPatient', { patientId: 'P1' }]])
    expect(result).toEqual({ ok: true, value: { echoed: ['getPatient', { patientId: 'P1' }] } })
  })

  it.each([
    ['unknownMethod', {}],
    ['getPatient', { patientId: 1 }],
    ['getPatient', { patientId: 'P1', sql: 'drop' }],
    ['importFolder', { folder: 'relative/path' }],
    ['openDemo', null],
  ])('refuses %s(%j) without reaching main', async (method, request) => {
    const result = await bridge.invoke(method, request)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.code).toBe('invalid-request')
    expect(electron.invocations).toEqual([])
  })

  it('delivers pushed events until unsubscribed', () => {
    const received: ApiEvent[] = []
    const unsubscribe = bridge.onEvent((event) => received.push(event))
    const event: ApiEvent = { kind: 'command', command: { name: 'open-folder' } }
    const push = () => electron.listeners.get(IPC_EVENT_CHANNEL)?.forEach((l) => l({}, event))
    push()
    unsubscribe()
    push()
    expect(received).toEqual([event])
  })
})
