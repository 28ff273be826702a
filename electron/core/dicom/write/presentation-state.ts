/**
 * Writes RECIST bookmarks as a Grayscale Softcopy Presentation State, as many PACS store a
 * reader's measurements: per bookmark one graphic annotation on its key slice with the long and
 * the short axis as two crossing 2-point polylines (image pixels) and the lengths as text.
 */
import { writeFile } from 'node:fs/promises'
import { GRAYSCALE_SOFTCOPY_PRESENTATION_STATE } from '../sop-class'
import { el, encodePart10, formatDs, seq, type Dataset } from './encoder'
import { dicomDate } from './patient-study'
import {
  bookmarkDocumentHeader,
  imagesBySeries,
  type MeasurementReportInput,
  type SrBookmark,
} from './measurement-report'

const LAYER = 'RECIST'

export interface PresentationStateInput extends Omit<
  MeasurementReportInput,
  'observerName' | 'content'
> {
  /** Who drew the annotations (ContentCreatorName). */
  creatorName: string
  /** Rows and columns of the referenced images: the displayed area is the whole image. */
  matrix: { rows: number; columns: number }
  /** BodyPartExamined of the referenced images, e.g. 'CHEST'. */
  bodyPartExamined: string
  /** The referenced images' RescaleIntercept (HU), repeated as the state's Modality LUT. */
  rescaleInterceptHu: number
}

/** GraphicData: like SCOORD, (0,0) is the top-left corner of the top-left pixel. */
function graphicPoints(points: SrBookmark['longAxisPx']): number[] {
  return points.flatMap(([x, y]) => [x + 0.5, y + 0.5])
}

function imageReference(bookmark: SrBookmark): Dataset {
  return [
    el(0x00081150, 'UI', bookmark.referencedSopClassUid),
    el(0x00081155, 'UI', bookmark.referencedSopInstanceUid),
    ...(bookmark.referencedFrameNumber
      ? [el(0x00081160, 'IS', String(bookmark.referencedFrameNumber))]
      : []),
  ]
}

function polyline(points: SrBookmark['longAxisPx']): Dataset {
  return [
    el(0x00700005, 'CS', 'PIXEL'),
    el(0x00700020, 'US', [2]),
    el(0x00700021, 'US', [2]),
    el(0x00700022, 'FL', graphicPoints(points)),
    el(0x00700023, 'CS', 'POLYLINE'),
  ]
}

/** "Lesion 1: 24.1 x 15.3 mm" (ASCII, as PACS write it), anchored unseen at the long axis's end. */
function lengthText(bookmark: SrBookmark): Dataset {
  const lengths =
    bookmark.shortAxisMm === null
      ? `${bookmark.longAxisMm.toFixed(1)} mm`
      : `${bookmark.longAxisMm.toFixed(1)} x ${bookmark.shortAxisMm.toFixed(1)} mm`
  return [
    el(0x00700004, 'CS', 'PIXEL'),
    el(0x00700006, 'ST', `${bookmark.trackingIdentifier}: ${lengths}`),
    el(0x00700014, 'FL', graphicPoints(bookmark.longAxisPx).slice(0, 2)),
    el(0x00700015, 'CS', 'N'),
  ]
}

function annotation(bookmark: SrBookmark): Dataset {
  return [
    seq(0x00081140, [imageReference(bookmark)]),
    el(0x00700002, 'CS', LAYER),
    seq(0x00700008, [lengthText(bookmark)]),
    seq(0x00700009, [
      polyline(bookmark.longAxisPx),
      ...(bookmark.shortAxisPx ? [polyline(bookmark.shortAxisPx)] : []),
    ]),
  ]
}

/** Presentation State Relationship: every annotated image, once each, grouped by series. */
function referencedSeries(input: PresentationStateInput): Dataset[] {
  const bySeries = imagesBySeries(
    input,
    (b) => `${b.referencedSopInstanceUid}#${b.referencedFrameNumber ?? ''}`,
    imageReference,
  )
  return [...bySeries].map(([series, images]) => [
    el(0x0020000e, 'UI', series),
    seq(0x00081140, images),
  ])
}

function stateDataset(input: PresentationStateInput): Dataset {
  const date = dicomDate(input.studyDate)
  return [
    ...bookmarkDocumentHeader(input, GRAYSCALE_SOFTCOPY_PRESENTATION_STATE, 'PR'),
    // The images' body part: it tells that no Laterality is needed (no paired structure).
    el(0x00180015, 'CS', input.bodyPartExamined),
    seq(0x00081115, referencedSeries(input)),
    el(0x00281052, 'DS', formatDs(input.rescaleInterceptHu)),
    el(0x00281053, 'DS', '1'),
    el(0x00281054, 'LO', 'HU'),
    seq(0x00700001, input.bookmarks.map(annotation)),
    seq(0x0070005a, [
      [
        el(0x00700052, 'SL', [1, 1]),
        el(0x00700053, 'SL', [input.matrix.columns, input.matrix.rows]),
        el(0x00700100, 'CS', 'SCALE TO FIT'),
        el(0x00700102, 'IS', ['1', '1']),
      ],
    ]),
    seq(0x00700060, [
      [
        el(0x00700002, 'CS', LAYER),
        el(0x00700062, 'IS', '1'),
        el(0x00700068, 'LO', 'RECIST long and short axes'),
      ],
    ]),
    el(0x00700080, 'CS', LAYER),
    el(0x00700081, 'LO', 'RECIST bookmarks'),
    el(0x00700082, 'DA', date),
    el(0x00700083, 'TM', input.studyTime),
    el(0x00700084, 'PN', input.creatorName),
    el(0x20500020, 'CS', 'IDENTITY'),
  ]
}

/** The presentation state as the bytes of a Part 10 file. */
export function presentationStateBytes(input: PresentationStateInput): Uint8Array {
  return encodePart10(
    stateDataset(input),
    GRAYSCALE_SOFTCOPY_PRESENTATION_STATE,
    input.sopInstanceUid,
  )
}

/** Writes the presentation state to `path` (a Part 10 file). */
export async function writePresentationState(
  path: string,
  input: PresentationStateInput,
): Promise<void> {
  await writeFile(path, presentationStateBytes(input))
}
