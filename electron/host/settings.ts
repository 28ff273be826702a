/**
 * Settings of the web host, kept with conf (the engine of electron-store) in the user's config
 * folder, or in a given folder so tests and parallel runs never share one file.
 */
import Conf from 'conf'
import { SETTINGS_OPTIONS, type AppSettings, type SettingsStore } from '../core/service/settings'

/** Opens the settings file; a corrupt file is replaced by the defaults. */
export function openHostSettings(settingsDir?: string): SettingsStore {
  return new Conf<AppSettings>({
    projectName: 'lesiontrack',
    ...(settingsDir ? { cwd: settingsDir } : {}),
    ...SETTINGS_OPTIONS,
  })
}
