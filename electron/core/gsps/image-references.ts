/** The images a presentation state's items point at, one per frame where an item lists frames. */
import { items, type ContentItem } from '../sr/content-tree'

/** An image of the state: its SOP instance and, for a multi-frame image, its frame. */
export interface DrawnImage {
  sopInstanceUid: string
  frameNumber: number | null
}

/** The frame numbers a reference lists (none: the whole image). */
export function referencedFrames(reference: ContentItem): number[] {
  const raw = reference.ReferencedFrameNumber
  if (raw === undefined || raw === null || raw === '') return []
  return (Array.isArray(raw) ? raw : String(raw).split('\\')).map(Number)
}

/** The images of a Referenced Image Sequence, one per frame where a reference lists frames. */
export function imagesOf(sequence: unknown): DrawnImage[] {
  return items(sequence).flatMap((reference): DrawnImage[] => {
    const sopInstanceUid = String(reference.ReferencedSOPInstanceUID ?? '')
    const frames = referencedFrames(reference)
    if (frames.length === 0) return [{ sopInstanceUid, frameNumber: null }]
    return frames.map((frameNumber) => ({ sopInstanceUid, frameNumber }))
  })
}
