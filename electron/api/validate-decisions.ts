/**
 * Checks the user's decisions (from the renderer, or a decisions file of the command line): each
 * with exactly the fields of its kind, identifiers as text, a measurement's numbers in range.
 */
import type { ApiResult } from './contract'
import { MEASURED_ID_PREFIX } from './measurements'
import type { TrackDecision } from './tracks'
import { checkText, invalid, isPlainObject, MAX_ID_LENGTH } from './validate-values'

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
  'choose-baseline': ['kind', 'studyInstanceUid'],
  'separate-timepoint': ['kind', 'studyInstanceUid'],
  'mark-nontarget-progression': ['kind', 'studyInstanceUid'],
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
  'set-type': ['kind', 'bookmarkId', 'lesionType'],
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
      (v.length === 8 || v.length === 4) &&
      v.every((x) => Number.isFinite(x) && Math.abs(x) <= MAX_PIXEL_INDEX),
    must: 'be 8 pixel coordinates (long axis x1, y1, x2, y2, then the short axis), or the long axis’ 4 alone',
  },
  lesionType: {
    valid: (v) => v === -1 || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 8),
    must: 'be a DeepLesion lesion type, 1 to 8, or -1 when unknown',
  },
}
/** Who sends decisions, for messages: an API method, or e.g. a decisions file's path. */
export type DecisionSource = string

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
  // A lesion measured in the app has its type in its measurement: set-type names imported ones.
  if (kind === 'set-type' && (raw.bookmarkId as string).startsWith(MEASURED_ID_PREFIX)) {
    return invalid(
      `${method}: ${at}.bookmarkId of a set-type names a lesion measured in the app`,
      'Store its measurement again with the new lesionType',
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
