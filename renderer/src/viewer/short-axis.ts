/**
 * RECIST short axis: the longest diameter perpendicular to the long axis, on the same slice. A
 * drawn short axis is turned perpendicular in millimetres (not pixels: pixels need not be square)
 * about its own midpoint, keeping the length it spans across the long axis.
 */
type Point = [number, number]

/**
 * The short axis `drawn` (pixel frame x = i, y = j) made perpendicular to `longAxis`, for pixels
 * of `spacingMm` = [along i, along j] mm.
 */
export function perpendicularShortAxis(
  longAxis: [Point, Point],
  drawn: [Point, Point],
  [si, sj]: [number, number],
): [Point, Point] {
  const toMm = ([x, y]: Point): Point => [x * si, y * sj]
  const [l0, l1] = longAxis.map(toMm)
  const [d0, d1] = drawn.map(toMm)
  const length = Math.hypot(l1[0] - l0[0], l1[1] - l0[1])
  if (length === 0) return drawn
  // Unit normal of the long axis, in mm.
  const normal: Point = [-(l1[1] - l0[1]) / length, (l1[0] - l0[0]) / length]
  const across = (d1[0] - d0[0]) * normal[0] + (d1[1] - d0[1]) * normal[1]
  const middle: Point = [(d0[0] + d1[0]) / 2, (d0[1] + d1[1]) / 2]
  const end = (sign: number): Point => [
    (middle[0] + (sign * across * normal[0]) / 2) / si,
    (middle[1] + (sign * across * normal[1]) / 2) / sj,
  ]
  return [end(-1), end(1)]
}
