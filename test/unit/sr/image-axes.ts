/**
 * For tests of reports whose axes are drawn on images (SCOORD): the measurement typed so, or an
 * error naming the axis given in patient coordinates instead.
 */
import {
  isImageAxis,
  type ImageAxis,
  type SrMeasurement,
} from '../../../electron/core/sr/measurement-report'

export function onImages(m: SrMeasurement): SrMeasurement<ImageAxis> & { shortAxis: ImageAxis } {
  const { longAxis, shortAxis } = m
  if (!shortAxis) throw new Error(`measurement ${m.trackingIdentifier} has no short axis`)
  if (!isImageAxis(longAxis) || !isImageAxis(shortAxis)) {
    throw new Error(`measurement ${m.trackingIdentifier} has an axis in patient coordinates`)
  }
  return { ...m, longAxis, shortAxis }
}
