/**
 * Builders for SR content items (PS3.3 C.17.3): each returns a data set for one item of a
 * ContentSequence, so a report template reads as a tree of small calls.
 */
import type { Code } from '../../sr/codes'
import { el, formatDs, seq, type Dataset } from './encoder'

export type Relationship =
  'CONTAINS' | 'HAS OBS CONTEXT' | 'HAS CONCEPT MOD' | 'INFERRED FROM' | 'SELECTED FROM'

/** A code sequence item (value, scheme, meaning). */
export function codeItem(code: Code): Dataset {
  return [
    el(0x00080100, 'SH', code.CodeValue),
    el(0x00080102, 'SH', code.CodingSchemeDesignator),
    el(0x00080104, 'LO', code.CodeMeaning),
  ]
}

function header(
  relationship: Relationship | undefined,
  valueType: string,
  concept: Code | undefined,
): Dataset {
  return [
    ...(relationship ? [el(0x0040a010, 'CS', relationship)] : []),
    el(0x0040a040, 'CS', valueType),
    ...(concept ? [seq(0x0040a043, [codeItem(concept)])] : []),
  ]
}

const children = (items: Dataset[]): Dataset => (items.length > 0 ? [seq(0x0040a730, items)] : [])

/** A CONTAINER item; no relationship for the document root. */
export function container(
  relationship: Relationship | undefined,
  concept: Code,
  items: Dataset[],
): Dataset {
  return [
    ...header(relationship, 'CONTAINER', concept),
    el(0x0040a050, 'CS', 'SEPARATE'),
    ...children(items),
  ]
}

/** A CODE item. */
export function codeContent(relationship: Relationship, concept: Code, value: Code): Dataset {
  return [...header(relationship, 'CODE', concept), seq(0x0040a168, [codeItem(value)])]
}

/** A TEXT item. */
export function textContent(relationship: Relationship, concept: Code, text: string): Dataset {
  return [...header(relationship, 'TEXT', concept), el(0x0040a160, 'UT', text)]
}

/** A UIDREF item. */
export function uidContent(relationship: Relationship, concept: Code, uid: string): Dataset {
  return [...header(relationship, 'UIDREF', concept), el(0x0040a124, 'UI', uid)]
}

/** A PNAME item. */
export function personContent(relationship: Relationship, concept: Code, name: string): Dataset {
  return [...header(relationship, 'PNAME', concept), el(0x0040a123, 'PN', name)]
}

/** A NUM item: value with its unit code, and children (e.g. the SCOORD it was measured on). */
export function numContent(
  relationship: Relationship,
  concept: Code,
  value: number,
  unit: Code,
  items: Dataset[],
): Dataset {
  return [
    ...header(relationship, 'NUM', concept),
    seq(0x0040a300, [[seq(0x004008ea, [codeItem(unit)]), el(0x0040a30a, 'DS', formatDs(value))]]),
    ...children(items),
  ]
}

/** A 2D polyline in image pixel coordinates (column, row; (0,0) = top-left corner of the image). */
export function polylineContent(
  relationship: Relationship,
  points: number[],
  items: Dataset[],
): Dataset {
  return [
    ...header(relationship, 'SCOORD', undefined),
    el(0x00700022, 'FL', points),
    el(0x00700023, 'CS', 'POLYLINE'),
    ...children(items),
  ]
}

/** An IMAGE item referencing one SOP instance, and one frame of it when `frameNumber` is given. */
export function imageContent(
  relationship: Relationship,
  sopClassUid: string,
  sopInstanceUid: string,
  frameNumber?: number,
): Dataset {
  const frame = frameNumber === undefined ? [] : [el(0x00081160, 'IS', String(frameNumber))]
  return [
    ...header(relationship, 'IMAGE', undefined),
    seq(0x00081199, [
      [el(0x00081150, 'UI', sopClassUid), el(0x00081155, 'UI', sopInstanceUid), ...frame],
    ]),
  ]
}
