/**
 * The application menu: File (open folder, add a folder's studies, demo patient, quit) and View
 * (window/level presets), with keyboard accelerators. Each entry becomes a ShellCommand the
 * renderer acts on.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { ShellCommand } from '../api/contract'
import { WINDOW_LEVEL_PRESET_IDS, WINDOW_LEVEL_PRESETS } from '../api/window-level'

export function installMenu(send: (command: ShellCommand) => void): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        {
          label: 'Open Folder…',
          accelerator: 'CmdOrCtrl+O',
          click: () => send({ name: 'open-folder' }),
        },
        {
          label: 'Add Studies from Folder…',
          accelerator: 'CmdOrCtrl+Shift+O',
          click: () => send({ name: 'add-folder' }),
        },
        { label: 'Open Demo Patient', click: () => send({ name: 'open-demo' }) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...WINDOW_LEVEL_PRESET_IDS.map((preset, index): MenuItemConstructorOptions => ({
          label: `Window: ${WINDOW_LEVEL_PRESETS[preset].label}`,
          accelerator: `CmdOrCtrl+${index + 1}`,
          click: () => send({ name: 'window-level', preset }),
        })),
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { role: 'toggleDevTools' },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
