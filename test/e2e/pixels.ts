/**
 * Pixel statistics of screenshots: enough to tell a rendered CT slice from a blank or black
 * canvas, and to find the RECIST colours near a point.
 */
import { decode } from 'fast-png'

export interface Rgba {
  width: number
  height: number
  /** RGBA, 4 bytes per pixel, row by row. */
  data: Uint8Array
}

/** Decodes a PNG screenshot into RGBA. */
export function decodeScreenshot(png: Buffer): Rgba {
  const image = decode(png)
  if (image.channels !== 4 && image.channels !== 3)
    throw new Error(`unexpected PNG with ${image.channels} channels`)
  const pixels = image.width * image.height
  const data = new Uint8Array(pixels * 4)
  for (let n = 0; n < pixels; n++) {
    for (let c = 0; c < 3; c++) data[n * 4 + c] = Number(image.data[n * image.channels + c])
    data[n * 4 + 3] = 255
  }
  return { width: image.width, height: image.height, data }
}

/** The pixels inside a rectangle (clamped to the image), as an image of their own. */
export function crop(
  image: Rgba,
  rect: { x: number; y: number; width: number; height: number },
): Rgba {
  const x0 = Math.max(0, Math.round(rect.x))
  const y0 = Math.max(0, Math.round(rect.y))
  const x1 = Math.min(image.width, Math.round(rect.x + rect.width))
  const y1 = Math.min(image.height, Math.round(rect.y + rect.height))
  const width = Math.max(0, x1 - x0)
  const height = Math.max(0, y1 - y0)
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    data.set(
      image.data.subarray(((y0 + y) * image.width + x0) * 4, ((y0 + y) * image.width + x1) * 4),
      y * width * 4,
    )
  }
  return { width, height, data }
}

export interface LuminanceStats {
  mean: number
  standardDeviation: number
  /** Fraction of pixels brighter than black background (luminance > 20 of 255). */
  litFraction: number
  /** Number of distinct luminance values (0–255) that occur. */
  distinctLevels: number
}

export function luminanceStats(image: Rgba): LuminanceStats {
  const histogram = new Array<number>(256).fill(0)
  let sum = 0
  let sumSquares = 0
  const pixels = image.width * image.height
  for (let n = 0; n < pixels; n++) {
    const [r, g, b] = [image.data[n * 4], image.data[n * 4 + 1], image.data[n * 4 + 2]]
    const y = Math.round(0.2126 * r + 0.7152 * g + 0.0722 * b)
    histogram[y]++
    sum += y
    sumSquares += y * y
  }
  const mean = sum / pixels
  return {
    mean,
    standardDeviation: Math.sqrt(Math.max(0, sumSquares / pixels - mean * mean)),
    litFraction: histogram.slice(21).reduce((a, b) => a + b, 0) / pixels,
    distinctLevels: histogram.filter((count) => count > 0).length,
  }
}

/** Counts pixels within `radius` of (x, y) whose colour passes `matches`. */
export function countNear(
  image: Rgba,
  x: number,
  y: number,
  radius: number,
  matches: (r: number, g: number, b: number) => boolean,
): number {
  let count = 0
  for (
    let py = Math.max(0, Math.floor(y - radius));
    py <= Math.min(image.height - 1, y + radius);
    py++
  ) {
    for (
      let px = Math.max(0, Math.floor(x - radius));
      px <= Math.min(image.width - 1, x + radius);
      px++
    ) {
      if ((px - x) ** 2 + (py - y) ** 2 > radius * radius) continue
      const n = (py * image.width + px) * 4
      if (matches(image.data[n], image.data[n + 1], image.data[n + 2])) count++
    }
  }
  return count
}

/** The long-axis amber (#ffb020): strong red, medium green, little blue — never a grey CT pixel. */
export const isRecistLong = (r: number, g: number, b: number) =>
  r > 200 && g > 120 && g < 220 && b < 110
/** The short-axis cyan (#22d3ee): little red, strong green and blue. */
export const isRecistShort = (r: number, g: number, b: number) => r < 120 && g > 160 && b > 190

/** A matcher for one CSS colour ('#rrggbb'): every channel within `tolerance` of it. */
export function isNearColour(hex: string, tolerance = 48) {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!match) throw new Error(`not a #rrggbb colour: '${hex}'`)
  const [tr, tg, tb] = match.slice(1).map((h) => parseInt(h, 16))
  return (r: number, g: number, b: number) =>
    Math.abs(r - tr) <= tolerance && Math.abs(g - tg) <= tolerance && Math.abs(b - tb) <= tolerance
}
