/**
 * Reads each frame's image plane and rescale from the functional groups of a multi-frame image
 * (PS3.3 C.7.6.16): a macro in a frame's Per-frame item overrides the same macro in the Shared one.
 */
import type { DataSet } from 'dicom-parser'
import type { Vec3 } from '../geometry/frames'
import { numbers, optionalNumber } from './image-header'
import { FUNCTIONAL_GROUP_TAG as FG, TAG } from './tags'

/** What one frame's functional groups say about its place and its stored → HU mapping. */
export interface FrameAttributes {
  imagePositionLps: Vec3
  /** Row direction then column direction. */
  imageOrientation: [Vec3, Vec3]
  /** In-plane spacing in mm: [along i (between columns), along j (between rows)]. */
  pixelSpacingMm: [number, number]
  sliceThicknessMm: number | null
  spacingBetweenSlicesMm: number | null
  /** From Pixel Value Transformation; null when neither group has the macro. */
  rescale: { slope: number; intercept: number } | null
}

/** Why the functional groups cannot place a frame; `code` becomes the ImportIssue code. */
export class FunctionalGroupError extends Error {
  constructor(
    readonly code: 'missing-geometry' | 'corrupt',
    message: string,
  ) {
    super(message)
  }
}

/** The first item of macro sequence `tag` in a functional groups item, if any. */
function macroItem(groups: DataSet | undefined, tag: string): DataSet | undefined {
  return groups?.elements[tag]?.items?.[0]?.dataSet
}

function itemsOf(dataSet: DataSet, tag: string): (DataSet | undefined)[] {
  return (dataSet.elements[tag]?.items ?? []).map((item) => item.dataSet)
}

/**
 * The attributes of every frame of `dataSet` (parsed with its sequences), in frame order.
 * Throws FunctionalGroupError naming the first frame whose position, orientation or pixel
 * spacing neither its Per-frame nor the Shared Functional Groups give.
 */
export function frameAttributesOf(dataSet: DataSet, frameCount: number): FrameAttributes[] {
  const shared = itemsOf(dataSet, FG.SharedFunctionalGroupsSequence)[0]
  const perFrame = itemsOf(dataSet, FG.PerFrameFunctionalGroupsSequence)
  if (perFrame.length !== frameCount) {
    throw new FunctionalGroupError(
      'corrupt',
      `it holds ${frameCount} frame(s) but its Per-frame Functional Groups Sequence (5200,9230) has ${perFrame.length} item(s)`,
    )
  }
  return perFrame.map((own, index) => {
    const macro = (tag: string) => macroItem(own, tag) ?? macroItem(shared, tag)
    const missing = (what: string) =>
      new FunctionalGroupError(
        'missing-geometry',
        `frame ${index + 1} of ${frameCount} has no ${what} in its Per-frame or the Shared Functional Groups, so its place in the patient is unknown`,
      )
    const planePosition = macro(FG.PlanePositionSequence)
    const position = planePosition && numbers(planePosition, TAG.ImagePositionPatient, 3)
    if (!position) throw missing('Plane Position (0020,9113) with an ImagePositionPatient')
    const planeOrientation = macro(FG.PlaneOrientationSequence)
    const orientation =
      planeOrientation && numbers(planeOrientation, TAG.ImageOrientationPatient, 6)
    if (!orientation) throw missing('Plane Orientation (0020,9116) with an ImageOrientationPatient')
    const measures = macro(FG.PixelMeasuresSequence)
    const spacing = measures && numbers(measures, TAG.PixelSpacing, 2)
    if (!measures || !spacing) throw missing('Pixel Measures (0028,9110) with a PixelSpacing')
    const transformation = macro(FG.PixelValueTransformationSequence)
    return {
      imagePositionLps: [position[0], position[1], position[2]],
      imageOrientation: [
        [orientation[0], orientation[1], orientation[2]],
        [orientation[3], orientation[4], orientation[5]],
      ],
      // PixelSpacing is (row spacing, column spacing): the distance between rows comes first.
      pixelSpacingMm: [spacing[1], spacing[0]],
      sliceThicknessMm: optionalNumber(measures, TAG.SliceThickness),
      spacingBetweenSlicesMm: optionalNumber(measures, TAG.SpacingBetweenSlices),
      rescale: transformation
        ? {
            slope: optionalNumber(transformation, TAG.RescaleSlope) ?? 1,
            intercept: optionalNumber(transformation, TAG.RescaleIntercept) ?? 0,
          }
        : null,
    }
  })
}
