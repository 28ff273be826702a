/**
 * Reads RECIST bookmarks from a Grayscale Softcopy Presentation State, where many PACS keep a
 * reader's measurements as lines drawn on the images: two crossing 2-point lines on one image are
 * a long and a short axis; a ruler, or a line alone whose annotation states a length and holds no
 * such pair, is a length (long axis only). Everything else drawn (arrows, ellipses, text) is no
 * bookmark. Lines in display coordinates are read back onto the image through its displayed area.
 */
import type { NaturalDataset } from 'dcmjs'
import { importIssue } from '../model/import-issue'
import type { ImportIssue } from '../model/types'
import { items, type ContentItem } from '../sr/content-tree'
import {
  toPixelCentre,
  type ImageAxis,
  type MeasurementReport,
  type SrMeasurement,
  readBookmarkDocument,
} from '../sr/measurement-report'
import { displayedAreaOf, displayToPixel, type DisplayedArea } from './displayed-area'
import { imagesOf, type DrawnImage } from './image-references'
import { pairAxes, type Segment } from './pair-axes'

/**
 * A stated length in a text object, e.g. '24.1 mm', '2,4 cm' or '24.1mm x 15.3mm': the unit
 * ends the text or is followed by a space, punctuation or a times sign — so that an area or a
 * volume ('120 mm²', 'mm2', 'cm^3', whatever the character set made of '²': an ROI's label
 * beside an arrow is no ruler's) or 'mmHg' is not taken for one.
 */
const STATED_LENGTH = /\d+(?:[.,]\d+)?\s*(?:mm|cm)(?=$|[\s.,;:)\]/x×*])/i

/** What an annotation's drawing left out, summed over the file for one issue each. */
interface LeftOut {
  /** Lines in DISPLAY units on an image with no displayed area to place them by. */
  displayLines: number
  /** Annotations whose lines apply to several images at once (no key slice). */
  manyImageAnnotations: number
  /** Drawn objects that are no RECIST axis. */
  otherMarks: number
}

/** Two distinct points of GraphicData as written (column, row, in the item's units). */
function twoPoints(item: ContentItem): number[] | undefined {
  const data = items(item.GraphicData).map(Number)
  if (data.length !== 4 || data.some((v) => !Number.isFinite(v))) return undefined
  // Two equal points are a mark rather than a line.
  if (data[0] === data[2] && data[1] === data[3]) return undefined
  return data
}

/**
 * A line in the image's pixel centres: PIXEL units as they are, DISPLAY units through the
 * displayed area of the one image it is drawn on (undefined without one).
 */
function onImagePixels(
  units: unknown,
  data: readonly number[],
  area: DisplayedArea | undefined,
): Segment | undefined {
  if (units === 'PIXEL') {
    return [toPixelCentre(data[0], data[1]), toPixelCentre(data[2], data[3])]
  }
  if (units !== 'DISPLAY' || !area) return undefined
  return [
    toPixelCentre(...displayToPixel(area, data[0], data[1])),
    toPixelCentre(...displayToPixel(area, data[2], data[3])),
  ]
}

/** A line drawn by an annotation: its points as written and their units. */
interface DrawnLine {
  data: number[]
  units: unknown
  /** Drawn as a ruler (a compound graphic): a length measurement by definition. */
  ruler: boolean
}

/**
 * The lines an annotation draws, counting in `leftOut` its other marks. A compound graphic
 * (PS3.3 C.10.5: a ruler, an arrow, a crosshair …) comes with the primitives that draw it for
 * viewers that do not know compound graphics; it is read as itself and its primitives skipped, so
 * a ruler's tick marks are never taken for a short axis.
 */
function linesOf(annotation: ContentItem, leftOut: LeftOut): DrawnLine[] {
  const lines: DrawnLine[] = []
  const compounds = items(annotation.CompoundGraphicSequence)
  // Graphics without an instance id belong to no compound (NaN would match NaN in a Set).
  const drawnByCompound = new Set(
    compounds.map((c) => Number(c.CompoundGraphicInstanceID)).filter(Number.isFinite),
  )
  for (const compound of compounds) {
    const data = compound.CompoundGraphicType === 'RULER' ? twoPoints(compound) : undefined
    if (data) lines.push({ data, units: compound.CompoundGraphicUnits, ruler: true })
    else leftOut.otherMarks++
  }
  for (const graphic of items(annotation.GraphicObjectSequence)) {
    if (drawnByCompound.has(Number(graphic.CompoundGraphicInstanceID))) continue
    const data = graphic.GraphicType === 'POLYLINE' ? twoPoints(graphic) : undefined
    if (data) lines.push({ data, units: graphic.GraphicAnnotationUnits, ruler: false })
    else leftOut.otherMarks++
  }
  return lines
}

function axisOn(image: DrawnImage, pointsPx: Segment): ImageAxis {
  return {
    // A presentation state draws; it does not state lengths: the import measures the lines.
    lengthMm: null,
    pointsPx,
    referencedSopInstanceUid: image.sopInstanceUid,
    referencedFrameNumber: image.frameNumber,
  }
}

/** The pixel lines drawn on one image, from every annotation of the state that draws there. */
interface ImageDrawing {
  image: DrawnImage
  lines: Segment[]
  /** Whether lines[k] was drawn as a ruler. */
  rulers: boolean[]
  /** Some text on the image states a length (a ruler's label). */
  statesLength: boolean
}

/**
 * Adds the lines and texts of one graphic annotation to the drawing of its image (by SOP instance
 * and frame), counting in `leftOut` what cannot be placed on one image. Vendors split one
 * measurement's lines over annotations (one per layer, or per object), so lines are paired per
 * image, not per annotation.
 */
function addAnnotation(
  drawings: Map<string, ImageDrawing>,
  annotation: ContentItem,
  seriesImages: readonly DrawnImage[],
  areaOf: (image: DrawnImage) => DisplayedArea | undefined,
  leftOut: LeftOut,
): void {
  // Without images of its own, an annotation applies to every image the state references.
  const own = imagesOf(annotation.ReferencedImageSequence)
  const images = own.length > 0 ? own : seriesImages
  const drawn = linesOf(annotation, leftOut)
  if (images.length !== 1) {
    if (drawn.length > 0) leftOut.manyImageAnnotations++
    return
  }
  const image = images[0]
  const key = `${image.sopInstanceUid}#${image.frameNumber ?? ''}`
  const drawing = drawings.get(key) ?? { image, lines: [], rulers: [], statesLength: false }
  // The displayed area is looked up once, and only for an annotation drawn on the screen.
  const area = drawn.some((line) => line.units === 'DISPLAY') ? areaOf(image) : undefined
  for (const { data, units, ruler } of drawn) {
    const line = onImagePixels(units, data, area)
    if (!line) {
      leftOut.displayLines++
      continue
    }
    drawing.lines.push(line)
    drawing.rulers.push(ruler)
  }
  drawing.statesLength ||= items(annotation.TextObjectSequence).some((text) =>
    STATED_LENGTH.test(String(text.UnformattedTextValue ?? '')),
  )
  drawings.set(key, drawing)
}

/**
 * The measurements drawn on one image, counting in `leftOut` the lines that are none: crossing
 * pairs, rulers, and — on an image whose text states a length and that holds no pair — lone lines.
 */
function drawingMeasurements(
  { image, lines, rulers, statesLength }: ImageDrawing,
  leftOut: LeftOut,
): Omit<SrMeasurement, 'trackingIdentifier'>[] {
  const { pairs, lone, caps } = pairAxes(lines)
  const lengths = lone.filter((k) => rulers[k] || (pairs.length === 0 && statesLength))
  leftOut.otherMarks += caps.length + lone.length - lengths.length
  const measurement = (long: number, short: number | null) => ({
    trackingUid: '',
    lesionType: -1 as const,
    longAxis: axisOn(image, lines[long]),
    shortAxis: short === null ? null : axisOn(image, lines[short]),
  })
  return [
    ...pairs.map(({ long, short }) => measurement(long, short)),
    ...lengths.map((k) => measurement(k, null)),
  ]
}

/** One issue per kind of drawing left out of the file. */
function leftOutIssues(file: string, leftOut: LeftOut, bookmarks: number): ImportIssue[] {
  const issues: ImportIssue[] = []
  if (leftOut.displayLines > 0) {
    issues.push(
      importIssue(
        file,
        'gsps-display-units',
        `${leftOut.displayLines} line(s) of this presentation state are drawn in display coordinates on an image the state gives no displayed area for (Displayed Area Selection, with a rotation of 0, 90, 180 or 270°), so they cannot be placed on the image's pixels; they were left out`,
        'Export the state again from the viewer that made it, or measure these lesions in LesionTrack.',
        'warning',
      ),
    )
  }
  if (leftOut.manyImageAnnotations > 0) {
    issues.push(
      importIssue(
        file,
        'gsps-not-one-image',
        `${leftOut.manyImageAnnotations} annotation(s) of this presentation state draw their lines on several images at once, so they mark no key slice; they were left out`,
        'Measure these lesions again on their key slice.',
        'warning',
      ),
    )
  }
  if (leftOut.otherMarks > 0 || bookmarks === 0) {
    issues.push(
      importIssue(
        file,
        'gsps-other-marks',
        bookmarks === 0
          ? `this presentation state holds no RECIST measurement (two crossing lines on one image, or a line with its length)${leftOut.otherMarks > 0 ? `; its ${leftOut.otherMarks} drawn object(s) were left out` : ''}`
          : `${leftOut.otherMarks} drawn object(s) of this presentation state are no RECIST axis (arrows, ellipses, a line without a stated length) and were left out`,
        'Nothing to do unless these marks are measurements: then measure them in LesionTrack.',
        'note',
      ),
    )
  }
  return issues
}

/** The bookmarks of a naturalized presentation state; `file` names it in issues. */
export function measurementsOfPresentationState(
  dataset: NaturalDataset,
  file: string,
): MeasurementReport {
  const seriesImages = items(dataset.ReferencedSeriesSequence).flatMap((series) =>
    imagesOf(series.ReferencedImageSequence),
  )
  const leftOut: LeftOut = { displayLines: 0, manyImageAnnotations: 0, otherMarks: 0 }
  const drawings = new Map<string, ImageDrawing>()
  const areaOf = (image: DrawnImage) => displayedAreaOf(dataset, image)
  for (const annotation of items(dataset.GraphicAnnotationSequence)) {
    addAnnotation(drawings, annotation, seriesImages, areaOf, leftOut)
  }
  const found = [...drawings.values()].flatMap((drawing) => drawingMeasurements(drawing, leftOut))
  // A presentation state has no tracking identifiers: its label and the order drawn name them.
  const label = String(dataset.ContentLabel ?? '').trim() || 'Mark'
  return {
    kind: 'gsps',
    file,
    sopInstanceUid: String(dataset.SOPInstanceUID ?? ''),
    contentDateTime: `${dataset.PresentationCreationDate ?? ''}${dataset.PresentationCreationTime ?? ''}`,
    patientId: String(dataset.PatientID ?? ''),
    studyInstanceUid: String(dataset.StudyInstanceUID ?? ''),
    measurements: found.map((m, n) => ({ ...m, trackingIdentifier: `${label} ${n + 1}` })),
    issues: leftOutIssues(file, leftOut, found.length),
  }
}

/** Reads one presentation state file. An unreadable file gives a single issue and no bookmarks. */
export function readPresentationState(path: string): MeasurementReport {
  return readBookmarkDocument(
    path,
    'gsps',
    'the presentation state',
    'Export it from the PACS again; the rest of the folder was imported.',
    measurementsOfPresentationState,
  )
}
