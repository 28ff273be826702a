/**
 * Runtime validators for every API request: the preload, IPC handlers and the web host run them
 * before anything reaches the service, so malformed or hostile input stops at the boundary.
 */
import type { ApiError, ApiMethod, ApiMethods, ApiRequest, ApiResult } from './contract'
import { checkDecisions } from './validate-decisions'
import { checkText, invalid, isPlainObject, MAX_ID_LENGTH } from './validate-values'
import { isWindowLevelPresetId, WINDOW_LEVEL_PRESET_IDS } from './window-level'
import { RESPONSE_PROTOCOL_LIMITS, type ResponseProtocol } from './tracks'

type Validator<M extends ApiMethod> = (raw: unknown) => ApiResult<ApiRequest<M>>

/** Longest folder path accepted; far above what any file system allows. */
const MAX_PATH_LENGTH = 4096
/** POSIX absolute path, Windows drive path or UNC share. */
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/

/** Checks that raw is a plain object with exactly the given keys and nothing else. */
function checkShape(
  raw: unknown,
  method: ApiMethod,
  keys: readonly string[],
): { ok: true; value: Record<string, unknown> } | { ok: false; error: ApiError } {
  if (!isPlainObject(raw)) return invalid(`${method}: the request must be an object`, 'Send {}')
  const extra = Object.keys(raw).filter((key) => !keys.includes(key))
  if (extra.length > 0) {
    return invalid(
      `${method}: unexpected field ${extra.map((key) => `'${key}'`).join(', ')}`,
      keys.length > 0 ? `Send only ${keys.join(', ')}` : 'Send an empty object {}',
    )
  }
  const missing = keys.filter((key) => raw[key] === undefined)
  if (missing.length > 0) {
    return invalid(`${method}: missing field '${missing[0]}'`, `Send ${keys.join(', ')}`)
  }
  return { ok: true, value: raw }
}

function noArguments<M extends ApiMethod>(method: M): Validator<M> {
  return (raw) => {
    const shape = checkShape(raw, method, [])
    return shape.ok ? { ok: true, value: {} as ApiRequest<M> } : shape
  }
}

function oneId<M extends ApiMethod>(method: M, field: string): Validator<M> {
  return (raw) => {
    const shape = checkShape(raw, method, [field])
    if (!shape.ok) return shape
    const error = checkText(shape.value[field], method, field, MAX_ID_LENGTH)
    if (error) return { ok: false, error }
    return { ok: true, value: { [field]: shape.value[field] } as ApiRequest<M> }
  }
}

/** Checks a folder path: text, and absolute (the service has no working folder to resolve it). */
function checkFolder(folder: unknown, method: ApiMethod): ApiError | null {
  const error = checkText(folder, method, 'folder', MAX_PATH_LENGTH)
  if (error) return error
  if (!ABSOLUTE_PATH.test(folder as string)) {
    return invalid(
      `${method}: '${folder as string}' is not a full path`,
      'Give the folder’s full path, e.g. /home/me/scans or C:\\scans',
    ).error
  }
  return null
}

/** A request of one folder path. */
function oneFolder<M extends 'importFolder' | 'addFolder'>(method: M): Validator<M> {
  return (raw) => {
    const shape = checkShape(raw, method, ['folder'])
    if (!shape.ok) return shape
    const error = checkFolder(shape.value.folder, method)
    if (error) return { ok: false, error }
    return { ok: true, value: { folder: shape.value.folder as string } }
  }
}

const VALIDATORS: { [M in ApiMethod]: Validator<M> } = {
  openStartup: noArguments('openStartup'),
  openDemo: noArguments('openDemo'),
  importFolder: oneFolder('importFolder'),
  addFolder: oneFolder('addFolder'),
  getPatient: oneId('getPatient', 'patientId'),
  getTracks: oneId('getTracks', 'patientId'),
  matchTracks: (raw) => {
    const shape = checkShape(raw, 'matchTracks', ['patientId', 'decisions'])
    if (!shape.ok) return shape
    const error = checkText(shape.value.patientId, 'matchTracks', 'patientId', MAX_ID_LENGTH)
    if (error) return { ok: false, error }
    const decisions = checkDecisions(shape.value.decisions, 'matchTracks')
    if (!decisions.ok) return decisions
    return {
      ok: true,
      value: { patientId: shape.value.patientId as string, decisions: decisions.value },
    }
  },
  exportTracks: (raw) => {
    const keys = ['patientId', 'folder', 'decisions', 'deidentify']
    const shape = checkShape(raw, 'exportTracks', keys)
    if (!shape.ok) return shape
    const { patientId, folder, deidentify } = shape.value
    const error =
      checkText(patientId, 'exportTracks', 'patientId', MAX_ID_LENGTH) ??
      checkFolder(folder, 'exportTracks')
    if (error) return { ok: false, error }
    if (typeof deidentify !== 'boolean') {
      return invalid(`exportTracks: 'deidentify' must be true or false`, 'Send true to de-identify')
    }
    const decisions = checkDecisions(shape.value.decisions, 'exportTracks')
    if (!decisions.ok) return decisions
    return {
      ok: true,
      value: {
        patientId: patientId as string,
        folder: folder as string,
        decisions: decisions.value,
        deidentify,
      },
    }
  },
  getVolume: oneId('getVolume', 'seriesInstanceUid'),
  getSettings: noArguments('getSettings'),
  setWindowLevelPreset: (raw) => {
    const shape = checkShape(raw, 'setWindowLevelPreset', ['preset'])
    if (!shape.ok) return shape
    const preset = shape.value.preset
    if (!isWindowLevelPresetId(preset)) {
      return invalid(
        `setWindowLevelPreset: unknown preset ${JSON.stringify(preset)}`,
        `Use one of ${WINDOW_LEVEL_PRESET_IDS.join(', ')}`,
      )
    }
    return { ok: true, value: { preset } }
  },
  setResponseProtocol: (raw) => {
    const keys = Object.keys(RESPONSE_PROTOCOL_LIMITS) as (keyof ResponseProtocol)[]
    const shape = checkShape(raw, 'setResponseProtocol', keys)
    if (!shape.ok) return shape
    for (const key of keys) {
      const [low, high] = RESPONSE_PROTOCOL_LIMITS[key]
      const days = shape.value[key]
      if (!Number.isInteger(days) || (days as number) < low || (days as number) > high) {
        return invalid(
          `setResponseProtocol: '${key}' must be a whole number of days from ${low} to ${high}, not ${JSON.stringify(days)}`,
          `Send ${key} between ${low} and ${high}`,
        )
      }
    }
    return {
      ok: true,
      value: {
        timepointWindowDays: shape.value.timepointWindowDays as number,
        stableDiseaseMinDays: shape.value.stableDiseaseMinDays as number,
      },
    }
  },
  pickFolder: noArguments('pickFolder'),
}

const METHODS = Object.keys(VALIDATORS) as ApiMethod[]

/** True when name is one of the API's methods (and not, say, '__proto__'). */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (METHODS as string[]).includes(name)
}

/**
 * Checks a request received from an untrusted side and returns a fresh object holding only the
 * validated fields, or an error saying what is wrong with it.
 */
export function validateRequest<M extends ApiMethod>(
  method: M,
  raw: unknown,
): ApiResult<ApiMethods[M]['request']> {
  return (VALIDATORS[method] as Validator<M>)(raw)
}

/** Checks a method name and its request together, as they arrive from a transport. */
export function validateCall(
  method: unknown,
  raw: unknown,
): { ok: true; method: ApiMethod; request: unknown } | { ok: false; error: ApiError } {
  if (!isApiMethod(method)) {
    return invalid(
      `unknown API method ${JSON.stringify(method)}`,
      `Use one of ${METHODS.join(', ')}`,
    )
  }
  const result = validateRequest(method, raw)
  return result.ok ? { ok: true, method, request: result.value } : result
}
