/**
 * Runtime validators for every API request: the preload, IPC handlers and the web host run them
 * before anything reaches the service, so malformed or hostile input stops at the boundary.
 */
import type { ApiError, ApiMethod, ApiMethods, ApiRequest, ApiResult } from './contract'
import { MEASURED_ID_PREFIX } from './measurements'
import type { TrackDecision } from './tracks'
import { isWindowLevelPresetId, WINDOW_LEVEL_PRESET_IDS } from './window-level'

type Validator<M extends ApiMethod> = (raw: unknown) => ApiResult<ApiRequest<M>>

/** Longest identifier accepted (DICOM UIDs are ≤ 64 characters, patient IDs ≤ 64). */
const MAX_ID_LENGTH = 256
/** Longest folder path accepted; far above what any file system allows. */
const MAX_PATH_LENGTH = 4096
// Control characters never belong in an identifier or a path; NUL in a path is an injection trick.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/
/**
 * Most decisions one matchTracks or exportTracks call may carry: a patient has at most a few hundred bookmarks
 * (DLS: up to 17 studies of up to 8), so more than this is a broken or hostile caller.
 */
export const MAX_DECISIONS = 1000
/** The fields of each decision kind, in the order the hint lists them. */
const DECISION_FIELDS: Record<TrackDecision['kind'], readonly string[]> = {
  'confirm-link': ['kind', 'lesionIdA', 'lesionIdB'],
  'reject-link': ['kind', 'lesionIdA', 'lesionIdB'],
  'mark-new': ['kind', 'lesionId'],
  'choose-target': ['kind', 'lesionId'],
  'drop-target': ['kind', 'lesionId'],
  'mark-node': ['kind', 'lesionId'],
  'mark-gone': ['kind', 'lesionId', 'studyInstanceUid'],
  measure: [
    'kind',
    'bookmarkId',
    'studyInstanceUid',
    'seriesInstanceUid',
    'sliceIndex',
    'axesPx',
    'lesionType',
  ],
}
/** Largest slice index or pixel coordinate a measurement may name: far above any CT series. */
const MAX_PIXEL_INDEX = 100_000

const isPixelIndex = (v: unknown) =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_PIXEL_INDEX

/** The decision fields that are not identifiers: what each must be, in words for the message. */
const VALUE_CHECKS: Record<string, { valid: (value: unknown) => boolean; must: string }> = {
  sliceIndex: { valid: isPixelIndex, must: 'be a slice index (a whole number from 0)' },
  axesPx: {
    valid: (v) =>
      Array.isArray(v) &&
      v.length === 8 &&
      v.every((x) => Number.isFinite(x) && Math.abs(x) <= MAX_PIXEL_INDEX),
    must: 'be 8 pixel coordinates (long axis x1, y1, x2, y2, then the short axis)',
  },
  lesionType: {
    valid: (v) => Number.isInteger(v) && (v as number) >= -1 && (v as number) <= 8,
    must: 'be a DeepLesion lesion type, 1 to 8, or -1 when unknown',
  },
}
/** POSIX absolute path, Windows drive path or UNC share. */
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/

function invalid(message: string, hint: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code: 'invalid-request', message, hint } }
}

function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false
  const prototype = Object.getPrototypeOf(raw)
  return prototype === Object.prototype || prototype === null
}

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

function checkText(
  value: unknown,
  method: string,
  field: string,
  maxLength: number,
): ApiError | null {
  if (typeof value !== 'string' || value.length === 0) {
    return invalid(`${method}: '${field}' must be a non-empty string`, `Send '${field}' as text`)
      .error
  }
  if (value.length > maxLength) {
    return invalid(
      `${method}: '${field}' is longer than ${maxLength} characters`,
      'Check the value',
    ).error
  }
  if (CONTROL_CHARACTERS.test(value)) {
    return invalid(`${method}: '${field}' contains control characters`, 'Remove them').error
  }
  return null
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

/** Who sends decisions, for messages: an API method, or e.g. a decisions file's path. */
type DecisionSource = string

/** Checks one decision of a call; `at` names it in the message ('decisions[3]'). */
function checkDecision(raw: unknown, method: DecisionSource, at: string): ApiResult<TrackDecision> {
  const kinds = Object.keys(DECISION_FIELDS)
  if (!isPlainObject(raw)) {
    return invalid(
      `${method}: ${at} must be an object`,
      `Send { kind, … } with kind one of ${kinds.join(', ')}`,
    )
  }
  const kind = raw.kind
  if (typeof kind !== 'string' || !kinds.includes(kind)) {
    return invalid(
      `${method}: ${at} has unknown kind ${JSON.stringify(kind)}`,
      `Use one of ${kinds.join(', ')}`,
    )
  }
  const fields = DECISION_FIELDS[kind as TrackDecision['kind']]
  const extra = Object.keys(raw).filter((key) => !fields.includes(key))
  const missing = fields.filter((key) => raw[key] === undefined)
  if (extra.length > 0 || missing.length > 0) {
    const wrong = [
      ...extra.map((k) => `unexpected '${k}'`),
      ...missing.map((k) => `missing '${k}'`),
    ]
    return invalid(`${method}: ${at} (${kind}): ${wrong.join(', ')}`, `Send ${fields.join(', ')}`)
  }
  for (const field of fields.slice(1)) {
    const check = VALUE_CHECKS[field]
    if (check && !check.valid(raw[field])) {
      return invalid(`${method}: ${at}.${field} must ${check.must}`, `Send ${fields.join(', ')}`)
    }
    if (check) continue
    const error = checkText(raw[field], method, `${at}.${field}`, MAX_ID_LENGTH)
    if (error) return { ok: false, error }
  }
  // A measurement's id may never collide with an imported bookmark's.
  if (kind === 'measure' && !(raw.bookmarkId as string).startsWith(MEASURED_ID_PREFIX)) {
    return invalid(
      `${method}: ${at}.bookmarkId of a measurement must start with '${MEASURED_ID_PREFIX}'`,
      `Name it ${MEASURED_ID_PREFIX}<random id>`,
    )
  }
  // Only the listed fields, each checked above, are carried over (lists copied).
  const copy = (value: unknown) => (Array.isArray(value) ? [...(value as unknown[])] : value)
  const decision = Object.fromEntries(fields.map((field) => [field, copy(raw[field])]))
  return { ok: true, value: decision as TrackDecision }
}

/**
 * Checks a list of decisions (of a call, or read from a file): at most MAX_DECISIONS, each with
 * exactly the fields of its kind; `method` names the source in messages.
 */
export function checkDecisions(list: unknown, method: DecisionSource): ApiResult<TrackDecision[]> {
  if (!Array.isArray(list)) {
    return invalid(`${method}: 'decisions' must be a list`, 'Send [] when there are none')
  }
  if (list.length > MAX_DECISIONS) {
    return invalid(
      `${method}: ${list.length} decisions are more than the ${MAX_DECISIONS} one patient can have`,
      'Send only the decisions of this patient',
    )
  }
  const decisions: TrackDecision[] = []
  for (const [k, item] of list.entries()) {
    const checked = checkDecision(item, method, `decisions[${k}]`)
    if (!checked.ok) return checked
    decisions.push(checked.value)
  }
  return { ok: true, value: decisions }
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

const VALIDATORS: { [M in ApiMethod]: Validator<M> } = {
  openStartup: noArguments('openStartup'),
  openDemo: noArguments('openDemo'),
  importFolder: (raw) => {
    const shape = checkShape(raw, 'importFolder', ['folder'])
    if (!shape.ok) return shape
    const error = checkFolder(shape.value.folder, 'importFolder')
    if (error) return { ok: false, error }
    return { ok: true, value: { folder: shape.value.folder as string } }
  },
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
