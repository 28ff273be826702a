/**
 * The app's persisted settings: their shape, defaults and JSON schema, shared by electron-store in
 * the desktop shell and conf in the web host (electron-store is conf with Electron's paths).
 */
import {
  DEFAULT_WINDOW_LEVEL_PRESET,
  WINDOW_LEVEL_PRESET_IDS,
  type WindowLevelPresetId,
} from '../../api/window-level'
import {
  DEFAULT_RESPONSE_PROTOCOL,
  RESPONSE_PROTOCOL_LIMITS,
  type ResponseProtocol,
} from '../response/protocol'

/** Window position and size in screen pixels. */
export interface WindowBounds {
  x: number
  y: number
  width: number
  height: number
}

export interface AppSettings {
  /**
   * Folders open last (the one opened, then those added to it), reopened together at start;
   * empty after the demo was chosen.
   */
  lastFolders: string[]
  windowLevelPreset: WindowLevelPresetId
  windowBounds: WindowBounds | null
  /**
   * Secret salt of de-identified exports, made at the first one: the same patient gets the same
   * pseudonym in every export of this installation, and no one without it can reverse them.
   */
  exportSalt: string | null
  /** The trial protocol's choices the RECIST reading follows (timepoint window, SD duration). */
  responseProtocol: ResponseProtocol
}

/** The part of conf / electron-store the app uses, so either can back the settings. */
export interface SettingsStore {
  get<K extends keyof AppSettings>(key: K): AppSettings[K]
  set<K extends keyof AppSettings>(key: K, value: AppSettings[K]): void
}

export const SETTINGS_DEFAULTS: AppSettings = {
  lastFolders: [],
  windowLevelPreset: DEFAULT_WINDOW_LEVEL_PRESET,
  windowBounds: null,
  exportSalt: null,
  responseProtocol: DEFAULT_RESPONSE_PROTOCOL,
}

const wholeDays = (key: keyof ResponseProtocol) => ({
  type: 'integer',
  minimum: RESPONSE_PROTOCOL_LIMITS[key][0],
  maximum: RESPONSE_PROTOCOL_LIMITS[key][1],
})

/** JSON schema conf validates every read and write against. */
export const SETTINGS_SCHEMA = {
  lastFolders: { type: 'array', items: { type: 'string' } },
  windowLevelPreset: { type: 'string', enum: [...WINDOW_LEVEL_PRESET_IDS] },
  windowBounds: {
    type: ['object', 'null'],
    properties: {
      x: { type: 'integer' },
      y: { type: 'integer' },
      width: { type: 'integer', minimum: 200 },
      height: { type: 'integer', minimum: 200 },
    },
    required: ['x', 'y', 'width', 'height'],
    additionalProperties: false,
  },
  exportSalt: { type: ['string', 'null'] },
  responseProtocol: {
    type: 'object',
    properties: {
      timepointWindowDays: wholeDays('timepointWindowDays'),
      stableDiseaseMinDays: wholeDays('stableDiseaseMinDays'),
    },
    required: ['timepointWindowDays', 'stableDiseaseMinDays'],
    additionalProperties: false,
  },
} as const

/** Options for conf and electron-store: a corrupt settings file falls back to the defaults. */
export const SETTINGS_OPTIONS = {
  defaults: SETTINGS_DEFAULTS,
  schema: SETTINGS_SCHEMA,
  clearInvalidConfig: true,
} as const
