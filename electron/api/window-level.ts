/**
 * CT window/level presets (Hounsfield units) offered by the viewer and remembered in settings.
 * Values are the common radiology defaults for each tissue.
 */

export const WINDOW_LEVEL_PRESET_IDS = ['soft-tissue', 'lung', 'bone', 'liver'] as const

export type WindowLevelPresetId = (typeof WINDOW_LEVEL_PRESET_IDS)[number]

export interface WindowLevelPreset {
  id: WindowLevelPresetId
  label: string
  /** Width of the displayed HU range. */
  windowHu: number
  /** Centre of the displayed HU range. */
  levelHu: number
}

export const WINDOW_LEVEL_PRESETS: Record<WindowLevelPresetId, WindowLevelPreset> = {
  'soft-tissue': { id: 'soft-tissue', label: 'Soft tissue', windowHu: 400, levelHu: 40 },
  lung: { id: 'lung', label: 'Lung', windowHu: 1500, levelHu: -600 },
  bone: { id: 'bone', label: 'Bone', windowHu: 1800, levelHu: 400 },
  liver: { id: 'liver', label: 'Liver', windowHu: 150, levelHu: 30 },
}

export const DEFAULT_WINDOW_LEVEL_PRESET: WindowLevelPresetId = 'soft-tissue'

export function isWindowLevelPresetId(value: unknown): value is WindowLevelPresetId {
  return (WINDOW_LEVEL_PRESET_IDS as readonly unknown[]).includes(value)
}
