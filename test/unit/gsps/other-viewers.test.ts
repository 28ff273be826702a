// Presentation states as other viewers draw them: a ruler with its length, one measurement's
// lines split over annotations, lines on an MR image, arrows, lines in display coordinates or on
// several images, a state that only sets the display, a file cut off in transfer — each read as
// a bookmark or left out with the reason, never a wrong bookmark (lines in display coordinates
// on an image with a displayed area: displayed-area.test.ts).
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import dcmjs from 'dcmjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CT_IMAGE_STORAGE,
  GRAYSCALE_SOFTCOPY_PRESENTATION_STATE,
} from '../../../electron/core/dicom/sop-class'
import { el, encodePart10, seq, type Dataset } from '../../../electron/core/dicom/write/encoder'
import { deriveUid } from '../../../electron/core/dicom/write/uid'
import { readPresentationState } from '../../../electron/core/gsps/read-presentation-state'
import { importFolders } from '../../../electron/core/import/import-folder'
import { items } from '../../../electron/core/sr/content-tree'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'
import { runTool } from '../dicom/fixtures'

let dir: string
let truth: Truth

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lt-gsps-viewers-'))
  truth = await synthesize({
    patients: 1,
    seed: 32,
    studies: 1,
    matrix: 64,
    sliceMm: 5,
    out: join(dir, 'gsps'),
    format: 'dicom',
    bookmarkFile: 'gsps',
  })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The synthetic study's own presentation state. */
function studyState(): string {
  return join(dir, 'gsps', truth.patients[0].studies[0].seriesFolder, '..', 'PS0001.dcm')
}

describe('presentation states drawn by other viewers', () => {
  /** The first study's key slice: a real image of the synthetic series. */
  const image = (): Dataset => [
    el(0x00081150, 'UI', CT_IMAGE_STORAGE),
    el(0x00081155, 'UI', truth.patients[0].bookmarks[0].sopInstanceUid),
  ]
  const otherImage = (): Dataset => [
    el(0x00081150, 'UI', CT_IMAGE_STORAGE),
    el(0x00081155, 'UI', '1.2.3.4.5'),
  ]
  const lineObject = (points: number[], units = 'PIXEL'): Dataset => [
    el(0x00700005, 'CS', units),
    el(0x00700020, 'US', [2]),
    el(0x00700021, 'US', [2]),
    el(0x00700022, 'FL', points),
    el(0x00700023, 'CS', 'POLYLINE'),
  ]
  const text = (value: string): Dataset => [
    el(0x00700004, 'CS', 'PIXEL'),
    el(0x00700006, 'ST', value),
    el(0x00700014, 'FL', [10, 10]),
    el(0x00700015, 'CS', 'N'),
  ]

  /** Writes a presentation state of `annotations` on the images `referenced`, and reads it. */
  function stateOf(
    name: string,
    annotations: Dataset[],
    referenced: Dataset[] = [image()],
    sopClass = GRAYSCALE_SOFTCOPY_PRESENTATION_STATE,
  ) {
    const uid = deriveUid('test presentation state', name)
    const dataset: Dataset = [
      el(0x00080016, 'UI', sopClass),
      el(0x00080018, 'UI', uid),
      seq(0x00081115, [[el(0x0020000e, 'UI', '1.2.3'), seq(0x00081140, referenced)]]),
      el(0x00100020, 'LO', truth.patients[0].patientId),
      el(0x0020000d, 'UI', truth.patients[0].studies[0].studyInstanceUid),
      el(0x00700080, 'CS', 'MARKS'),
      seq(0x00700001, annotations),
    ]
    const file = join(dir, `${name}.dcm`)
    writeFileSync(file, encodePart10(dataset, sopClass, uid))
    return readPresentationState(file)
  }

  it('reads a line alone as a long axis when its annotation states a length', async () => {
    const state = stateOf('ruler', [
      [
        seq(0x00081140, [image()]),
        seq(0x00700008, [text('23.5 mm')]),
        seq(0x00700009, [lineObject([20, 30, 50, 30])]),
      ],
    ])
    expect(state.issues).toEqual([])
    expect(state.measurements).toEqual([
      expect.objectContaining({
        trackingIdentifier: 'MARKS 1',
        longAxis: expect.objectContaining({
          lengthMm: null,
          pointsPx: [
            [19.5, 29.5],
            [49.5, 29.5],
          ],
        }),
        shortAxis: null,
      }),
    ])
    // Imported with the study it was drawn on: a long-axis-only bookmark, its length measured.
    const alone = join(dir, 'ruler-only')
    mkdirSync(alone)
    copyFileSync(join(dir, 'ruler.dcm'), join(alone, 'ruler.dcm'))
    const result = await importFolders([join(dir, 'gsps'), alone], { deferPixels: true })
    const ruler = result.bookmarks.filter((b) => b.sourceFile === join(alone, 'ruler.dcm'))
    expect(ruler).toHaveLength(1)
    const series = result.series.find((x) => x.seriesInstanceUid === ruler[0].seriesInstanceUid)!
    expect(ruler[0].shortAxisMm).toBeNull()
    expect(ruler[0].longAxisMm).toBeCloseTo(30 * series.geometry.spacingMm[0], 6)
    const notes = result.issues.filter((i) => i.file === join(alone, 'ruler.dcm'))
    expect(notes.map((i) => [i.code, i.severity])).toEqual([['sr-long-axis-only', 'note']])
  })

  /**
   * A compound RULER from (x0, y0) to (x1, y1) with instance id `id`, and the primitives a writer
   * adds for viewers that do not know compound graphics: the line, a bar across each end and a
   * tick across it every quarter.
   */
  function ruler(id: number, [x0, y0, x1, y1]: number[]): { compound: Dataset; drawn: Dataset[] } {
    const [dx, dy] = [x1 - x0, y1 - y0]
    const length = Math.hypot(dx, dy)
    const [nx, ny] = [(-dy / length) * 3, (dx / length) * 3]
    const across = (t: number) => {
      const [cx, cy] = [x0 + t * dx, y0 + t * dy]
      return [cx - nx, cy - ny, cx + nx, cy + ny]
    }
    const primitive = (points: number[]): Dataset => [
      ...lineObject(points),
      el(0x00700226, 'UL', [id]),
    ]
    return {
      compound: [
        el(0x00700282, 'CS', 'PIXEL'),
        el(0x00700020, 'US', [2]),
        el(0x00700021, 'US', [2]),
        el(0x00700022, 'FL', [x0, y0, x1, y1]),
        el(0x00700294, 'CS', 'RULER'),
        el(0x00700226, 'UL', [id]),
      ],
      drawn: [[x0, y0, x1, y1], ...[0, 0.25, 0.5, 0.75, 1].map(across)].map(primitive),
    }
  }

  it('reads a ruler (compound graphic) as a long axis, never its ticks as a short axis', () => {
    const { compound, drawn } = ruler(1, [20, 30, 50, 34])
    const state = stateOf('compound ruler', [
      [seq(0x00081140, [image()]), seq(0x00700009, drawn), seq(0x00700209, [compound])],
    ])
    expect(state.issues).toEqual([])
    expect(state.measurements).toEqual([
      expect.objectContaining({
        longAxis: expect.objectContaining({
          pointsPx: [
            [19.5, 29.5],
            [49.5, 33.5],
          ],
        }),
        shortAxis: null,
      }),
    ])
  })

  it('reads two crossing rulers as a long and a short axis', () => {
    const long = ruler(1, [20, 30, 50, 30])
    const short = ruler(2, [36, 22, 36, 38])
    const state = stateOf('crossing rulers', [
      [
        seq(0x00081140, [image()]),
        seq(0x00700009, [...long.drawn, ...short.drawn]),
        seq(0x00700209, [long.compound, short.compound]),
      ],
    ])
    expect(state.issues).toEqual([])
    expect(state.measurements).toHaveLength(1)
    expect(state.measurements[0].shortAxis).toEqual(
      expect.objectContaining({
        pointsPx: [
          [35.5, 21.5],
          [35.5, 37.5],
        ],
      }),
    )
  })

  it('still reads plain lines beside a compound graphic that names no instance id', () => {
    const arrow: Dataset = [
      el(0x00700282, 'CS', 'PIXEL'),
      el(0x00700020, 'US', [2]),
      el(0x00700021, 'US', [2]),
      el(0x00700022, 'FL', [5, 5, 15, 15]),
      el(0x00700294, 'CS', 'ARROW'),
    ]
    const state = stateOf('compound without id', [
      [
        seq(0x00081140, [image()]),
        seq(0x00700009, [lineObject([20, 30, 50, 30]), lineObject([35, 22, 35, 38])]),
        seq(0x00700209, [arrow]),
      ],
    ])
    expect(state.measurements).toHaveLength(1)
    expect(state.issues.map((i) => i.code)).toEqual(['gsps-other-marks'])
  })

  it('leaves out other compound graphics (an ellipse) with their primitives, in a note', () => {
    const ellipse: Dataset = [
      el(0x00700282, 'CS', 'PIXEL'),
      el(0x00700020, 'US', [2]),
      el(0x00700021, 'US', [4]),
      el(0x00700022, 'FL', [20, 30, 50, 30, 35, 24, 35, 36]),
      el(0x00700294, 'CS', 'ELLIPSE'),
      el(0x00700226, 'UL', [7]),
    ]
    // Its primitives: the outline as a polyline, and the two axes a viewer might draw inside.
    const axes = [
      [...lineObject([20, 30, 50, 30]), el(0x00700226, 'UL', [7])],
      [...lineObject([35, 24, 35, 36]), el(0x00700226, 'UL', [7])],
    ]
    const state = stateOf('compound ellipse', [
      [
        seq(0x00081140, [image()]),
        seq(0x00700008, [text('Area 2.8 cm2')]),
        seq(0x00700009, axes),
        seq(0x00700209, [ellipse]),
      ],
    ])
    expect(state.measurements).toEqual([])
    expect(state.issues.map((i) => [i.code, i.severity])).toEqual([['gsps-other-marks', 'note']])
    expect(state.issues[0].message).toMatch(/its 1 drawn object/)
  })

  it.each([
    ['colour', '1.2.840.10008.5.1.4.1.1.11.2'],
    ['pseudo-colour', '1.2.840.10008.5.1.4.1.1.11.3'],
  ])(
    'imports the lines of a %s softcopy presentation state like a grayscale one',
    async (kind, sopClass) => {
      stateOf(
        `${kind} state`,
        [
          [
            seq(0x00081140, [image()]),
            seq(0x00700009, [lineObject([20, 30, 50, 30]), lineObject([35, 22, 35, 38])]),
          ],
        ],
        [image()],
        sopClass,
      )
      const folder = join(dir, `${kind}-only`)
      mkdirSync(folder)
      copyFileSync(join(dir, `${kind} state.dcm`), join(folder, 'state.dcm'))
      const result = await importFolders([join(dir, 'gsps'), folder], { deferPixels: true })
      const drawn = result.bookmarks.filter((b) => b.sourceFile === join(folder, 'state.dcm'))
      expect(drawn).toHaveLength(1)
      expect(drawn[0].shortAxisPx).toEqual([
        [34.5, 21.5],
        [34.5, 37.5],
      ])
      expect(result.issues.filter((i) => i.file === join(folder, 'state.dcm'))).toEqual([])
    },
  )

  it('pairs the axes of one measurement drawn as two annotations of one image', () => {
    const state = stateOf('split', [
      [seq(0x00081140, [image()]), seq(0x00700009, [lineObject([20, 30, 50, 30])])],
      [seq(0x00081140, [image()]), seq(0x00700009, [lineObject([36, 22, 35, 39])])],
    ])
    expect(state.issues).toEqual([])
    expect(state.measurements).toHaveLength(1)
    expect(state.measurements[0].longAxis).toEqual(
      expect.objectContaining({
        pointsPx: [
          [19.5, 29.5],
          [49.5, 29.5],
        ],
      }),
    )
    expect(state.measurements[0].shortAxis).toEqual(
      expect.objectContaining({
        pointsPx: [
          [35.5, 21.5],
          [34.5, 38.5],
        ],
      }),
    )
  })

  it('notes, without an error, a measurement drawn on an image that is not a CT slice', async () => {
    // An MR slice in the same export: a copy of a CT slice, its modality and UIDs changed.
    const mrFolder = join(dir, 'mr')
    mkdirSync(mrFolder)
    const mrFile = join(mrFolder, 'MR0001.dcm')
    const ctFile = join(dir, 'gsps', truth.patients[0].studies[0].seriesFolder)
    copyFileSync(join(ctFile, readdirSync(ctFile).sort()[0]), mrFile)
    runTool('dcmodify', [
      '-nb',
      '-m',
      '(0008,0060)=MR',
      '-m',
      '(0020,000e)=1.2.826.0.9.1',
      '-m',
      '(0008,0018)=1.2.826.0.9.1.1',
      mrFile,
    ])
    stateOf('on-mr', [
      [
        seq(0x00081140, [
          [el(0x00081150, 'UI', CT_IMAGE_STORAGE), el(0x00081155, 'UI', '1.2.826.0.9.1.1')],
        ]),
        seq(0x00700009, [lineObject([20, 30, 50, 30]), lineObject([35, 22, 35, 38])]),
      ],
    ])
    copyFileSync(join(dir, 'on-mr.dcm'), join(mrFolder, 'on-mr.dcm'))
    const result = await importFolders([join(dir, 'gsps'), mrFolder], { deferPixels: true })
    const about = result.issues.filter((i) => i.file === join(mrFolder, 'on-mr.dcm'))
    expect(about.map((i) => [i.code, i.severity])).toEqual([['sr-not-on-ct', 'note']])
    expect(about[0].message).toMatch(/drawn on an image of modality MR \(CT Image Storage/)
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([])
  })

  it('reads a state made by dcmtk (dcmpsmk, lines added by dcmodify) as one bookmark', () => {
    const keySlice = truth.patients[0].bookmarks[0]
    const series = join(dir, 'gsps', truth.patients[0].studies[0].seriesFolder)
    const image = readdirSync(series)
      .map((name) => join(series, name))
      .find((file) => readFileSync(file).includes(Buffer.from(keySlice.sopInstanceUid)))!
    const file = join(dir, 'dcmtk.dcm')
    runTool('dcmpsmk', [image, file])
    const line = (n: number, points: string) => [
      '-i',
      `(0070,0001)[0].(0070,0009)[${n}].(0070,0005)=PIXEL`,
      '-i',
      `(0070,0001)[0].(0070,0009)[${n}].(0070,0020)=2`,
      '-i',
      `(0070,0001)[0].(0070,0009)[${n}].(0070,0021)=2`,
      '-i',
      `(0070,0001)[0].(0070,0009)[${n}].(0070,0022)=${points}`,
      '-i',
      `(0070,0001)[0].(0070,0009)[${n}].(0070,0023)=POLYLINE`,
    ]
    runTool('dcmodify', [
      '-nb',
      '-i',
      `(0070,0001)[0].(0008,1140)[0].(0008,1150)=${CT_IMAGE_STORAGE}`,
      '-i',
      `(0070,0001)[0].(0008,1140)[0].(0008,1155)=${keySlice.sopInstanceUid}`,
      '-i',
      '(0070,0001)[0].(0070,0002)=RECIST',
      ...line(0, '20.5\\30.5\\44.5\\30.5'),
      ...line(1, '32.5\\24.5\\32.5\\38.5'),
      '-i',
      '(0070,0060)[0].(0070,0002)=RECIST',
      '-i',
      '(0070,0060)[0].(0070,0062)=1',
      file,
    ])
    expect(runTool('dcmpschk', [file])).toContain('Test passed')
    const state = readPresentationState(file)
    expect(state.issues).toEqual([])
    expect(state.measurements).toEqual([
      expect.objectContaining({
        longAxis: expect.objectContaining({
          pointsPx: [
            [20, 30],
            [44, 30],
          ],
          referencedSopInstanceUid: keySlice.sopInstanceUid,
        }),
        shortAxis: expect.objectContaining({
          pointsPx: [
            [32, 24],
            [32, 38],
          ],
        }),
      }),
    ])
  })

  it('imports lines drawn in display coordinates, the image turned a quarter, as the same bookmarks', async () => {
    // The study's own state, its lines rewritten as a viewer that turned the image clockwise
    // draws them: fractions of the whole-image displayed area, (x, y) at ((rows − y) / rows,
    // x / columns).
    const series = truth.patients[0].studies[0].seriesFolder
    const turned = join(dir, 'turned')
    cpSync(join(dir, 'gsps', series), join(turned, 'CT'), { recursive: true })
    const bytes = readFileSync(studyState())
    const dict = dcmjs.data.DicomMessage.readFile(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    )
    const state = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict)
    const [columns, rows] = items(state.DisplayedAreaSelectionSequence)[0]
      .DisplayedAreaBottomRightHandCorner as number[]
    state.ImageRotation = 90
    state.ImageHorizontalFlip = 'N'
    for (const annotation of items(state.GraphicAnnotationSequence)) {
      for (const line of items(annotation.GraphicObjectSequence)) {
        const data = items(line.GraphicData).map(Number)
        line.GraphicAnnotationUnits = 'DISPLAY'
        line.GraphicData = [0, 2].flatMap((k) => [(rows - data[k + 1]) / rows, data[k] / columns])
      }
    }
    state._meta = dcmjs.data.DicomMetaDictionary.namifyDataset(dict.meta)
    writeFileSync(join(turned, 'PS0001.dcm'), new Uint8Array(dcmjs.data.datasetToBuffer(state)))
    const inPixels = await importFolders([join(dir, 'gsps')], { deferPixels: true })
    const onScreen = await importFolders([turned], { deferPixels: true })
    expect(onScreen.issues.filter((i) => i.severity !== 'note')).toEqual([])
    expect(onScreen.bookmarks).toHaveLength(inPixels.bookmarks.length)
    onScreen.bookmarks.forEach((b, n) => {
      const a = inPixels.bookmarks[n]
      expect(b.sliceIndex).toBe(a.sliceIndex)
      // GraphicData is single precision: within a thousandth of a pixel and of a millimetre.
      expect(b.longAxisMm).toBeCloseTo(a.longAxisMm, 3)
      expect(b.shortAxisMm!).toBeCloseTo(a.shortAxisMm!, 3)
      b.centerLps.forEach((c, d) => expect(c).toBeCloseTo(a.centerLps[d], 3))
    })
  })

  it('reads no length from a line whose two ends are one point', () => {
    const state = stateOf('point', [
      [
        seq(0x00081140, [image()]),
        seq(0x00700008, [text('0.0 mm')]),
        seq(0x00700009, [lineObject([20, 30, 20, 30])]),
      ],
    ])
    expect(state.measurements).toEqual([])
    expect(state.issues.map((i) => [i.code, i.severity])).toEqual([['gsps-other-marks', 'note']])
  })

  it('takes no area or volume for a stated length: an arrow beside an ROI label is no ruler', () => {
    for (const label of ['Area 120.5 mm²', 'A = 1,2 cm2', 'Vol 3.4 cm^3']) {
      const state = stateOf(`area ${label}`, [
        [
          seq(0x00081140, [image()]),
          seq(0x00700008, [text(label)]),
          seq(0x00700009, [lineObject([20, 30, 50, 30])]),
        ],
      ])
      expect(state.measurements).toEqual([])
    }
    const ruler = stateOf('length beside an area', [
      [
        seq(0x00081140, [image()]),
        seq(0x00700008, [text('Area 120 mm²'), text('23.5mm')]),
        seq(0x00700009, [lineObject([20, 30, 50, 30])]),
      ],
    ])
    expect(ruler.measurements).toHaveLength(1)
  })

  it('leaves out a line with no stated length, and says so in a note', () => {
    const state = stateOf('arrow', [
      [seq(0x00081140, [image()]), seq(0x00700009, [lineObject([20, 30, 50, 30])])],
    ])
    expect(state.measurements).toEqual([])
    expect(state.issues.map((i) => [i.code, i.severity])).toEqual([['gsps-other-marks', 'note']])
    expect(state.issues[0].message).toMatch(/holds no RECIST measurement.*1 drawn object/)
  })

  it('warns about lines in display coordinates in a state without a displayed area', () => {
    const state = stateOf('display', [
      [
        seq(0x00081140, [image()]),
        seq(0x00700009, [
          lineObject([0.2, 0.3, 0.5, 0.3], 'DISPLAY'),
          lineObject([0.35, 0.2, 0.35, 0.4], 'DISPLAY'),
        ]),
      ],
    ])
    expect(state.measurements).toEqual([])
    const display = state.issues.find((i) => i.code === 'gsps-display-units')
    expect(display?.severity).toBe('warning')
    expect(display?.message).toMatch(/^2 line\(s\)/)
  })

  it('warns about crossing lines shown on several images at once (no key slice)', () => {
    const state = stateOf(
      'every image',
      [[seq(0x00700009, [lineObject([20, 30, 50, 30]), lineObject([35, 20, 35, 40])])]],
      [image(), otherImage()],
    )
    expect(state.measurements).toEqual([])
    expect(state.issues.find((i) => i.code === 'gsps-not-one-image')?.severity).toBe('warning')
  })

  it('notes a state that only sets the display (no annotation at all)', () => {
    const state = stateOf('window', [])
    expect(state.measurements).toEqual([])
    expect(state.issues.map((i) => [i.code, i.severity])).toEqual([['gsps-other-marks', 'note']])
  })

  it.each([
    ['implicit VR', '+ti'],
    ['big endian', '+tb'],
    ['deflated', '+td'],
  ])('reads a state re-encoded in %s (as archives store it) the same', (_, syntax) => {
    const file = join(dir, `re-encoded${syntax}.dcm`)
    runTool('dcmconv', [syntax, studyState(), file])
    const state = readPresentationState(file)
    expect(state.issues).toEqual([])
    expect(state.measurements).toEqual(readPresentationState(studyState()).measurements)
    expect(state.measurements.length).toBeGreaterThan(0)
  })

  it('reports a file cut off in transfer, with nothing read from it', () => {
    const file = join(dir, 'cut.dcm')
    const whole = readFileSync(studyState())
    writeFileSync(file, whole.subarray(0, whole.length - 200))
    const state = readPresentationState(file)
    expect(state.measurements).toEqual([])
    expect(state.issues.map((i) => [i.code, i.severity])).toEqual([['gsps-unreadable', 'error']])
  })
})
