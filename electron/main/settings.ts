/**
 * The desktop app's settings file (electron-store in Electron's user-data folder): last opened
 * folder, window bounds and window/level preset, validated against the shared schema.
 */
import ElectronStore from 'electron-store'
import { SETTINGS_OPTIONS, type AppSettings, type SettingsStore } from '../core/service/settings'

/** Opens (or creates) the settings file; a corrupt file is replaced by the defaults. */
export function openElectronSettings(): SettingsStore {
  return new ElectronStore<AppSettings>({ name: 'settings', ...SETTINGS_OPTIONS })
}
