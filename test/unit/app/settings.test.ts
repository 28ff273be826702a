// Settings must survive a restart, refuse values outside the schema, and fall back to the
// defaults when the file is corrupt instead of stopping the app; electron-store and the web
// host's conf store share that schema.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { SETTINGS_DEFAULTS } from '../../../electron/core/service/settings'
import { openHostSettings } from '../../../electron/host/settings'
import { tempFolder } from './fixtures'

const temp = tempFolder('settings')
afterAll(temp.remove)

// electron-store asks Electron for its folder; only that module is replaced.
vi.mock('electron', () => {
  const app = {
    getPath: () => join(temp.dir, 'electron-user-data'),
    getVersion: () => '0.0.0-test',
  }
  return { default: { app, ipcMain: { on: () => {} }, shell: {} }, app }
})

describe('web host settings (conf)', () => {
  it('starts from the defaults and keeps what was set across instances', () => {
    const dir = join(temp.dir, 'host-a')
    const first = openHostSettings(dir)
    expect(first.get('windowLevelPreset')).toBe(SETTINGS_DEFAULTS.windowLevelPreset)
    expect(first.get('lastFolders')).toEqual([])
    first.set('windowLevelPreset', 'lung')
    first.set('lastFolders', ['/data/patient-7', '/data/patient-7-follow-up'])
    const second = openHostSettings(dir)
    expect(second.get('windowLevelPreset')).toBe('lung')
    expect(second.get('lastFolders')).toEqual(['/data/patient-7', '/data/patient-7-follow-up'])
  })

  it('refuses a value outside the schema', () => {
    const settings = openHostSettings(join(temp.dir, 'host-b'))
    expect(() => settings.set('windowLevelPreset', 'brain' as never)).toThrow(/windowLevelPreset/)
    expect(() => settings.set('windowBounds', { x: 0, y: 0, width: 10, height: 10 })).toThrow()
    expect(settings.get('windowLevelPreset')).toBe(SETTINGS_DEFAULTS.windowLevelPreset)
  })

  it('replaces a corrupt or invalid file by the defaults', () => {
    const dir = join(temp.dir, 'host-c')
    openHostSettings(dir).set('windowLevelPreset', 'bone')
    const file = join(dir, 'config.json')
    writeFileSync(file, JSON.stringify({ windowLevelPreset: 'brain', lastFolders: [3] }))
    expect(openHostSettings(dir).get('windowLevelPreset')).toBe(SETTINGS_DEFAULTS.windowLevelPreset)
    writeFileSync(file, '{ not json')
    expect(openHostSettings(dir).get('lastFolders')).toEqual([])
  })
})

describe('desktop settings (electron-store)', () => {
  it('writes a settings.json in Electron’s user-data folder with the shared schema', async () => {
    const { openElectronSettings } = await import('../../../electron/main/settings')
    const settings = openElectronSettings()
    settings.set('windowBounds', { x: 10, y: 20, width: 1200, height: 800 })
    const stored = JSON.parse(
      readFileSync(join(temp.dir, 'electron-user-data', 'settings.json'), 'utf8'),
    )
    expect(stored.windowBounds).toEqual({ x: 10, y: 20, width: 1200, height: 800 })
    expect(openElectronSettings().get('windowBounds')).toEqual({
      x: 10,
      y: 20,
      width: 1200,
      height: 800,
    })
    expect(() => settings.set('windowLevelPreset', 'brain' as never)).toThrow()
  })
})
