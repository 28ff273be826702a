// Lines a presentation state draws in DISPLAY units are read back onto image pixels through the
// state's displayed area, rotation and flip: the direction of each rotation and flip is checked
// against dcmtk's own rendering of the state (dcmp2pgm), the displayed area against PS3.3 C.10.4.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readNaturalDataset } from '../../../electron/core/dicom/natural-dataset'
import { writeCtSeries } from '../../../electron/core/dicom/write/ct-series'
import { displayedAreaOf, displayToPixel } from '../../../electron/core/gsps/displayed-area'
import { readPresentationState } from '../../../electron/core/gsps/read-presentation-state'
import type { ImageAxis } from '../../../electron/core/sr/measurement-report'
import { runTool, tempFolder } from '../dicom/fixtures'

const COLUMNS = 48
const ROWS = 40
/** The one bright pixel of the test image (0-based column, row). */
const BRIGHT: [number, number] = [7, 13]
const folder = tempFolder('gsps-display')
let image: string
let sopInstanceUid: string

beforeAll(async () => {
  const hu = new Int16Array(COLUMNS * ROWS).fill(-1000)
  hu[BRIGHT[1] * COLUMNS + BRIGHT[0]] = 2000
  const written = await writeCtSeries(join(folder.dir, 'ct'), {
    studyInstanceUid: '1.2.826.0.1.3680043.10.1.1',
    seriesInstanceUid: '1.2.826.0.1.3680043.10.1.2',
    geometry: {
      dims: [COLUMNS, ROWS, 1],
      spacingMm: [0.8, 0.8, 5],
      originLps: [0, 0, 0],
      rowDirection: [1, 0, 0],
      columnDirection: [0, 1, 0],
      sliceNormal: [0, 0, 1],
    },
    hu,
    windowCenterHu: 0,
    windowWidthHu: 2000,
  })
  image = written.files[0]
  sopInstanceUid = written.sopInstanceUids[0]
})
afterAll(() => folder.remove())

/** A state made by dcmtk for the test image, then changed by dcmodify (`-i` / `-m` pairs). */
function dcmtkState(name: string, changes: string[]): string {
  const file = join(folder.dir, `${name}.dcm`)
  runTool('dcmpsmk', [image, file])
  if (changes.length > 0) runTool('dcmodify', ['-nb', ...changes, file])
  return file
}

/** Where dcmp2pgm shows the bright pixel: its centre as fractions of the rendered bitmap. */
function renderedBrightPixel(state: string): [number, number] {
  const bitmap = join(folder.dir, 'rendered.pgm')
  runTool('dcmp2pgm', ['-p', state, image, bitmap])
  const bytes = readFileSync(bitmap)
  const header = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(bytes.toString('latin1', 0, 40))
  if (!header) throw new Error('dcmp2pgm wrote no binary PGM')
  const [width, height] = [Number(header[1]), Number(header[2])]
  const pixels = bytes.subarray(header[0].length)
  let brightest = 0
  for (let k = 1; k < width * height; k++) if (pixels[k] > pixels[brightest]) brightest = k
  return [((brightest % width) + 0.5) / width, (Math.floor(brightest / width) + 0.5) / height]
}

describe('the displayed area of a presentation state', () => {
  // dcmp2pgm applies the rotation and flip but shows the whole image whatever the displayed
  // area, which dcmpsmk sets to the whole image: the case where the two must agree.
  it.each([
    [0, 'N'],
    [90, 'N'],
    [180, 'N'],
    [270, 'N'],
    [0, 'Y'],
    [90, 'Y'],
    [180, 'Y'],
    [270, 'Y'],
  ])('puts a point where dcmtk shows it: rotation %i°, flip %s', (rotation, flip) => {
    const state = dcmtkState(`turned-${rotation}-${flip}`, [
      '-i',
      `(0070,0042)=${rotation}`,
      '-i',
      `(0070,0041)=${flip}`,
    ])
    const [u, v] = renderedBrightPixel(state)
    const area = displayedAreaOf(readNaturalDataset(state), { sopInstanceUid, frameNumber: null })
    expect(area).toBeDefined()
    const [x, y] = displayToPixel(area!, u, v)
    // PIXEL units: the bright pixel's centre is half a pixel past its index.
    expect(x).toBeCloseTo(BRIGHT[0] + 0.5, 9)
    expect(y).toBeCloseTo(BRIGHT[1] + 0.5, 9)
  })

  it('maps the corners of a zoomed area to the outer edges of its corner pixels', () => {
    const state = dcmtkState('zoomed', [
      '-m',
      '(0070,005a)[0].(0070,0052)=5\\3',
      '-m',
      '(0070,005a)[0].(0070,0053)=40\\36',
    ])
    const area = displayedAreaOf(readNaturalDataset(state), { sopInstanceUid, frameNumber: null })!
    expect(displayToPixel(area, 0, 0)).toEqual([4, 2])
    expect(displayToPixel(area, 1, 1)).toEqual([40, 36])
    expect(displayToPixel(area, 0.5, 0.25)).toEqual([22, 10.5])
  })

  it('reads a rotated area the same whether its corners are named after or before rotation', () => {
    // After a clockwise quarter turn the screen's top-left shows the area's bottom-left pixel.
    const named = (name: string, topLeft: string, bottomRight: string) =>
      displayedAreaOf(
        readNaturalDataset(
          dcmtkState(name, [
            '-i',
            '(0070,0042)=90',
            '-i',
            '(0070,0041)=N',
            '-m',
            `(0070,005a)[0].(0070,0052)=${topLeft}`,
            '-m',
            `(0070,005a)[0].(0070,0053)=${bottomRight}`,
          ]),
        ),
        { sopInstanceUid, frameNumber: null },
      )!
    const after = named('after', '5\\36', '40\\3')
    const before = named('before', '5\\3', '40\\36')
    expect(after).toEqual(before)
    expect(displayToPixel(after, 0, 0)).toEqual([4, 36])
    expect(displayToPixel(after, 1, 0)).toEqual([4, 2])
    expect(displayToPixel(after, 0, 1)).toEqual([40, 36])
  })

  it('uses the selection that references the image, and none for an image it does not list', () => {
    const state = dcmtkState('per-image', [
      '-i',
      `(0070,005a)[0].(0008,1140)[0].(0008,1155)=${sopInstanceUid}`,
      '-i',
      '(0070,005a)[0].(0008,1140)[0].(0008,1150)=1.2.840.10008.5.1.4.1.1.2',
    ])
    const dataset = readNaturalDataset(state)
    expect(displayedAreaOf(dataset, { sopInstanceUid, frameNumber: null })).toBeDefined()
    expect(displayedAreaOf(dataset, { sopInstanceUid: '1.2.3', frameNumber: null })).toBe(undefined)
  })
})

describe('RECIST lines drawn in display coordinates', () => {
  /** Adds two crossing DISPLAY-unit lines on the test image to a dcmtk state. */
  function displayLines(lines: number[][]): string[] {
    const at = (n: number, tag: string, value: string) => [
      '-i',
      `(0070,0001)[0].(0070,0009)[${n}].${tag}=${value}`,
    ]
    return [
      '-i',
      `(0070,0001)[0].(0008,1140)[0].(0008,1150)=1.2.840.10008.5.1.4.1.1.2`,
      '-i',
      `(0070,0001)[0].(0008,1140)[0].(0008,1155)=${sopInstanceUid}`,
      '-i',
      '(0070,0001)[0].(0070,0002)=RECIST',
      ...lines.flatMap((points, n) => [
        ...at(n, '(0070,0005)', 'DISPLAY'),
        ...at(n, '(0070,0020)', '2'),
        ...at(n, '(0070,0021)', '2'),
        ...at(n, '(0070,0022)', points.join('\\')),
        ...at(n, '(0070,0023)', 'POLYLINE'),
      ]),
      '-i',
      '(0070,0060)[0].(0070,0002)=RECIST',
      '-i',
      '(0070,0060)[0].(0070,0062)=1',
    ]
  }

  it('reads them as the axes drawn on the image, through a quarter turn', () => {
    // Long axis from pixel point (10, 20) to (34, 20), short axis (22, 14) to (22, 28) (PIXEL
    // units). Turned a quarter clockwise, a point (x, y) of the image is shown at
    // ((ROWS − y) / ROWS, x / COLUMNS) of the whole-image area.
    const shown = ([x, y]: number[]) => [(ROWS - y) / ROWS, x / COLUMNS]
    const state = dcmtkState('turned-lines', [
      '-i',
      '(0070,0042)=90',
      '-i',
      '(0070,0041)=N',
      ...displayLines([
        [...shown([10, 20]), ...shown([34, 20])],
        [...shown([22, 14]), ...shown([22, 28])],
      ]),
    ])
    expect(runTool('dcmpschk', [state])).toContain('Test passed')
    const read = readPresentationState(state)
    expect(read.issues).toEqual([])
    expect(read.measurements).toHaveLength(1)
    // A presentation state's axes are always drawn on an image (SR axes may be in LPS instead).
    const longAxis = read.measurements[0].longAxis as ImageAxis
    const shortAxis = read.measurements[0].shortAxis as ImageAxis
    // Bookmarks hold pixel centres: half a pixel less than PIXEL units. GraphicData is single
    // precision, so the fractions carry about 1e-6 of the image's size.
    const expectPoints = (points: number[][], expected: number[][]) =>
      expected.flat().forEach((c, k) => expect(points.flat()[k]).toBeCloseTo(c, 4))
    expectPoints(longAxis.pointsPx, [
      [9.5, 19.5],
      [33.5, 19.5],
    ])
    expectPoints(shortAxis.pointsPx, [
      [21.5, 13.5],
      [21.5, 27.5],
    ])
    expect(longAxis.referencedSopInstanceUid).toBe(sopInstanceUid)
  })

  it('leaves them out, with a warning, when no displayed area applies to their image', () => {
    const state = dcmtkState('no-area', [
      '-i',
      '(0070,005a)[0].(0008,1140)[0].(0008,1155)=1.2.3.4',
      '-i',
      '(0070,005a)[0].(0008,1140)[0].(0008,1150)=1.2.840.10008.5.1.4.1.1.2',
      ...displayLines([
        [0.2, 0.5, 0.7, 0.5],
        [0.45, 0.3, 0.45, 0.7],
      ]),
    ])
    const read = readPresentationState(state)
    expect(read.measurements).toEqual([])
    const warning = read.issues.find((i) => i.code === 'gsps-display-units')
    expect(warning?.severity).toBe('warning')
    expect(warning?.message).toMatch(/^2 line\(s\) .* no displayed area/)
  })
})
