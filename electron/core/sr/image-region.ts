/**
 * The axes a measurement group draws as its Image Region (DCM 111030; TID 1410 Planar ROI
 * Measurements), for groups whose length measurements carry no coordinates of their own — as
 * writers built on TID 1410 (e.g. highdicom's planar ROI groups) store them: an ELLIPSE's first two
 * points are its major axis and its last two its minor axis (PS3.3 C.18.6.1.2), a long and a short
 * axis; a 2-point POLYLINE is one line, the long axis.
 */
import { childrenNamed, items, type ContentItem } from './content-tree'

const IMAGE_REGION = '111030'

export interface RegionAxes {
  /** The SCOORD item: its IMAGE child names the image drawn on. */
  scoord: ContentItem
  /** End points of each axis as written (column, row from the top-left corner of the image). */
  long: number[]
  short: number[] | null
}

/** The axes of the group's Image Region, or undefined when it has none or another shape. */
export function regionAxes(group: ContentItem): RegionAxes | undefined {
  const scoord = childrenNamed(group, IMAGE_REGION).find((item) => item.ValueType === 'SCOORD')
  if (!scoord) return undefined
  const data = items(scoord.GraphicData).map(Number)
  if (data.some((v) => !Number.isFinite(v))) return undefined
  if (scoord.GraphicType === 'ELLIPSE' && data.length === 8) {
    return { scoord, long: data.slice(0, 4), short: data.slice(4, 8) }
  }
  if (scoord.GraphicType === 'POLYLINE' && data.length === 4) {
    return { scoord, long: data, short: null }
  }
  return undefined
}
