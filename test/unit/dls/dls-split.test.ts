// Reading a DLS split: lesion keys with one decimal, directed duplicates folded into one pair,
// bad entries skipped with a message; and the real valid.json holds what its README says.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { matchLesionFromDls } from '../../../electron/core/dls/dls-lesion'
import { dlsLesionKey, parseDlsSplit } from '../../../electron/core/dls/dls-split'
import { entry } from './split'

const VALID = fileURLToPath(new URL('../../fixtures/real/dls/valid.json', import.meta.url))

describe('parseDlsSplit', () => {
  const a = {
    slice: '000004_02_01/013.png',
    recist: [79, 196.6, 53.7, 220, 76.2, 220, 56.3, 198.5],
  }
  const b = {
    slice: '000004_03_01/008.png',
    recist: [103, 272.9, 83.1, 281.5, 88.2, 269.4, 94.8, 284.6],
  }

  it('keys lesions by slice and coordinates with one decimal, and folds directed duplicates', () => {
    const split = parseDlsSplit({ '0001': entry(a, b), '0002': entry(b, a) }, 't.json')
    expect(split.lesions.map((l) => l.key)).toEqual([
      '000004_02_01/013.png@79.0,196.6,53.7,220.0,76.2,220.0,56.3,198.5',
      '000004_03_01/008.png@103.0,272.9,83.1,281.5,88.2,269.4,94.8,284.6',
    ])
    expect(split.pairs).toHaveLength(1)
    expect(split.issues).toEqual([])
    expect(split.lesions[0]).toMatchObject({
      patientId: '000004',
      studyIndex: 2,
      seriesIndex: 1,
      sliceIndex: 13,
    })
    expect(dlsLesionKey('x/001.png', [-0.04, 1.25, 2, 3, 4, 5, 6, 7])).toBe(
      'x/001.png@-0.0,1.3,2.0,3.0,4.0,5.0,6.0,7.0',
    )
  })

  it('skips unreadable entries, saying which and why', () => {
    const split = parseDlsSplit(
      {
        '0001': entry(a, { ...b, recist: [1, 2, 3] }),
        '0002': entry({ ...a, slice: 'scan.png' }, b),
        '0003': entry(a, { ...b, spacing: [0.8, 0.8, 0] }),
        '0004': 'nothing',
        '0005': entry(a, { ...b, slice: '000005_01_01/001.png' }),
      },
      't.json',
    )
    expect(split.lesions).toEqual([])
    expect(split.issues).toEqual([
      "t.json: entry 0001: 'target recist coordinate' must be 8 finite numbers; skipped",
      "t.json: entry 0002: 'source recist slice' is 'scan.png', not PPPPPP_SS_RR/KKK.png; skipped",
      "t.json: entry 0003: 'target spacing' must be 3 positive numbers (mm); skipped",
      't.json: entry 0004 is not an object; skipped',
      't.json: entry 0005 pairs lesions of patients 000004 and 000005; skipped',
    ])
    expect(() => parseDlsSplit([], 't.json')).toThrow(/t\.json: a DLS split is a JSON object/)
  })

  it('reads valid.json: 711 lesions, 453 pairs, 105 patients, 386 studies', () => {
    const split = parseDlsSplit(JSON.parse(readFileSync(VALID, 'utf8')), VALID)
    expect(split.issues).toEqual([])
    expect(split.lesions).toHaveLength(711)
    expect(split.pairs).toHaveLength(453)
    expect(new Set(split.lesions.map((l) => l.patientId)).size).toBe(105)
    expect(new Set(split.lesions.map((l) => `${l.patientId}_${l.studyIndex}`)).size).toBe(386)
  })
})

describe('matchLesionFromDls', () => {
  it('places the long-axis midpoint in mm from the image centre, key slice × slice spacing', () => {
    const split = parseDlsSplit(
      {
        '1': entry(
          {
            slice: '000007_01_02/010.png',
            recist: [10, 20, 40, 60, 25, 35, 31, 43],
            spacing: [0.5, 0.5, 2.5],
          },
          { slice: '000007_02_01/011.png', recist: [1, 1, 2, 2, 3, 3, 4, 4] },
        ),
      },
      't.json',
    )
    const l = matchLesionFromDls(split.lesions[0])
    // Midpoint (25, 40) px; the centre of a 512 × 512 slice is 255.5 px.
    expect(l.positionInScannerMm).toEqual([-115.25, -107.75, 25])
    expect(l.longAxisMm).toBeCloseTo(25, 12)
    expect(l.shortAxisMm).toBeCloseTo(5, 12)
    expect(l).toMatchObject({
      patientId: '000007',
      studyId: '000007_01',
      studyOrder: 1,
      seriesId: '000007_01_02',
      lesionType: -1,
    })
  })

  it('puts one point of the body at one place whatever the field of view', () => {
    // 10 mm right of and 20 mm below the axis, reconstructed at 0.5 and at 0.8 mm pixels.
    const split = parseDlsSplit(
      {
        '1': entry(
          {
            slice: '000007_01_01/010.png',
            recist: [265.5, 295.5, 285.5, 295.5, 275.5, 290.5, 275.5, 300.5],
            spacing: [0.5, 0.5, 5],
          },
          {
            slice: '000007_02_01/010.png',
            recist: [262, 280.5, 274, 280.5, 268, 277.5, 268, 283.5],
            spacing: [0.8, 0.8, 5],
          },
        ),
      },
      't.json',
    )
    const [a, b] = split.lesions.map(matchLesionFromDls)
    expect(a.positionInScannerMm[0]).toBeCloseTo(10, 9)
    expect(a.positionInScannerMm[1]).toBeCloseTo(20, 9)
    expect(b.positionInScannerMm[0]).toBeCloseTo(10, 9)
    expect(b.positionInScannerMm[1]).toBeCloseTo(20, 9)
  })
})
