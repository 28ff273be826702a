/**
 * Reads one TID 1500 measurement group as a bookmark: a long axis — or a single length or
 * diameter — and, when measured, a short axis (NUM in mm, inferred from a 2-point SCOORD on one
 * referenced image, from a 2-point SCOORD3D in patient coordinates, which the import places on a
 * slice, or drawn as the group's Image Region).
 */
import { LEGACY_AXIS_CODES, SR_CODES, lesionTypeOfFindingSite } from './codes'
import {
  childrenNamed,
  childrenOfType,
  codeValue,
  conceptName,
  items,
  numericValue,
  textValue,
  uidValue,
  type ContentItem,
} from './content-tree'
import { regionAxes, type RegionAxes } from './image-region'
import {
  toPixelCentre,
  type ImageAxis,
  type SrAxis,
  type SrMeasurement,
  type WorldAxis,
} from './measurement-report'

const UNIT_TO_MM: Record<string, number> = { mm: 1, cm: 10, um: 0.001 }
/** UCUM's unity: a number stated without a unit. */
const NO_UNIT = '1'

/** Why a group cannot be read; the report skips the group and says so. */
export class GroupError extends Error {}

/** A line drawn on one image: `data` its end points as the SCOORD `scoord` writes them. */
function imageAxis(
  scoord: ContentItem,
  data: readonly number[],
  name: string,
  lengthMm: number | null,
): ImageAxis {
  const image = childrenOfType(scoord, 'IMAGE')[0]
  const reference = image ? items(image.ReferencedSOPSequence)[0] : undefined
  const sop = reference ? String(reference.ReferencedSOPInstanceUID ?? '') : ''
  if (!sop) throw new GroupError(`its ${name} does not say which image it was drawn on`)
  return {
    lengthMm,
    pointsPx: [toPixelCentre(data[0], data[1]), toPixelCentre(data[2], data[3])],
    referencedSopInstanceUid: sop,
    referencedFrameNumber: frameNumberOf(reference!, name),
  }
}

/** The NUM of the group named by one of `codeValues`, and its length in mm (null: no unit). */
function lengthOf(group: ContentItem, name: string, codeValues: string[]) {
  const num = childrenNamed(group, ...codeValues).find((item) => item.ValueType === 'NUM')
  if (!num) throw new GroupError(`it has no ${name} measurement`)
  const measured = numericValue(num)
  if (!measured) throw new GroupError(`its ${name} has no numeric value`)
  const unit = String(measured.unit?.CodeValue ?? '')
  const scale = UNIT_TO_MM[unit]
  if (scale === undefined && unit !== NO_UNIT) {
    throw new GroupError(`its ${name} is in '${unit || 'no unit'}', not a length unit (mm, cm)`)
  }
  return { num, lengthMm: scale === undefined ? null : measured.value * scale }
}

/**
 * One axis of the group: its NUM's own coordinates, or else the line `region` of the group's
 * Image Region (undefined: none).
 */
function readAxis(
  group: ContentItem,
  name: string,
  codeValues: string[],
  region: { scoord: ContentItem; line: number[] | null } | undefined,
): SrAxis {
  const { num, lengthMm } = lengthOf(group, name, codeValues)
  const scoord = childrenOfType(num, 'SCOORD')[0]
  if (!scoord) {
    const world = childrenOfType(num, 'SCOORD3D')[0]
    if (world) return worldAxis(world, name, lengthMm)
    if (region?.line) return imageAxis(region.scoord, region.line, name, lengthMm)
    throw new GroupError(`its ${name} has no coordinates (SCOORD or SCOORD3D)`)
  }
  const data = items(scoord.GraphicData).map(Number)
  if (
    scoord.GraphicType !== 'POLYLINE' ||
    data.length !== 4 ||
    data.some((v) => !Number.isFinite(v))
  ) {
    throw new GroupError(`its ${name} is not a 2-point POLYLINE`)
  }
  return imageAxis(scoord, data, name, lengthMm)
}

/** An axis given as a 2-point SCOORD3D polyline in patient coordinates (mm). */
function worldAxis(scoord: ContentItem, name: string, lengthMm: number | null): WorldAxis {
  const data = items(scoord.GraphicData).map(Number)
  if (
    scoord.GraphicType !== 'POLYLINE' ||
    data.length !== 6 ||
    data.some((v) => !Number.isFinite(v))
  ) {
    throw new GroupError(`its ${name} is not a 2-point POLYLINE in 3D coordinates`)
  }
  return {
    lengthMm,
    pointsLps: [
      [data[0], data[1], data[2]],
      [data[3], data[4], data[5]],
    ],
    frameOfReferenceUid: String(scoord.ReferencedFrameOfReferenceUID ?? ''),
  }
}

/** The one frame a 2D coordinate lies on, or null when the reference names no frame. */
function frameNumberOf(reference: ContentItem, name: string): number | null {
  const value = reference.ReferencedFrameNumber
  if (value === undefined || value === null || value === '') return null
  const frames = (Array.isArray(value) ? value : String(value).split('\\')).map(Number)
  if (frames.length !== 1 || !Number.isInteger(frames[0]) || frames[0] < 1) {
    throw new GroupError(
      `its ${name} references frame(s) ${frames.join(', ')}; a 2D measurement lies on exactly one frame`,
    )
  }
  return frames[0]
}

const LONG_AXIS_CODES = [
  SR_CODES.longAxis.CodeValue,
  LEGACY_AXIS_CODES.longAxis,
  SR_CODES.length.CodeValue,
  LEGACY_AXIS_CODES.length,
  SR_CODES.diameter.CodeValue,
  LEGACY_AXIS_CODES.diameter,
]
const SHORT_AXIS_CODES = [SR_CODES.shortAxis.CodeValue, LEGACY_AXIS_CODES.shortAxis]

function hasMeasurement(group: ContentItem, codeValues: string[]): boolean {
  return childrenNamed(group, ...codeValues).some((item) => item.ValueType === 'NUM')
}

/**
 * What a group measures when it is no RECIST measurement at all — the names of its numbers
 * (a segmented region's Volume or Mean, an ROI's Area …), none of them an axis or a length — else
 * undefined: such groups (dcmqi's volumetric ones, for instance) are left out with a note, not
 * reported as broken measurements.
 */
export function otherMeasurements(group: ContentItem): string[] | undefined {
  if (hasMeasurement(group, [...LONG_AXIS_CODES, ...SHORT_AXIS_CODES])) return undefined
  return childrenOfType(group, 'NUM').map(
    (num) => conceptName(num)?.CodeMeaning ?? conceptName(num)?.CodeValue ?? 'a number',
  )
}

/**
 * Whether the group states a short axis it does not draw: no coordinates of its own, and an Image
 * Region that is one line (the long axis).
 */
function shortAxisUndrawn(group: ContentItem, region: RegionAxes | undefined): boolean {
  if (!region || region.short) return false
  const num = childrenNamed(group, ...SHORT_AXIS_CODES).find((item) => item.ValueType === 'NUM')
  return childrenOfType(num!, 'SCOORD').length + childrenOfType(num!, 'SCOORD3D').length === 0
}

/** A group's bookmark, and whether a stated short axis was left out for want of its line. */
export function readGroup(group: ContentItem): {
  measurement: SrMeasurement
  undrawnShort: boolean
} {
  const site = childrenNamed(group, SR_CODES.findingSite.CodeValue)[0]
  const region = regionAxes(group)
  const undrawnShort = hasMeasurement(group, SHORT_AXIS_CODES) && shortAxisUndrawn(group, region)
  const measurement = {
    trackingIdentifier: textValue(childrenNamed(group, SR_CODES.trackingIdentifier.CodeValue)[0]),
    trackingUid: uidValue(childrenNamed(group, SR_CODES.trackingUniqueIdentifier.CodeValue)[0]),
    lesionType: lesionTypeOfFindingSite(String(codeValue(site)?.CodeValue ?? '')),
    longAxis: readAxis(
      group,
      'long axis',
      LONG_AXIS_CODES,
      region && { scoord: region.scoord, line: region.long },
    ),
    shortAxis:
      hasMeasurement(group, SHORT_AXIS_CODES) && !undrawnShort
        ? readAxis(
            group,
            'short axis',
            SHORT_AXIS_CODES,
            region && { scoord: region.scoord, line: region.short },
          )
        : null,
  }
  return { measurement, undrawnShort }
}
