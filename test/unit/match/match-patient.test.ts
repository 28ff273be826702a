// The matcher end to end: tracks equal the true lesions of simulated patients, a lesion missing
// at a middle study is linked across the gap, decisions survive a re-run with new data, and
// every link and track explains itself with the numbers that were measured.
import { describe, expect, it } from 'vitest'
import type { Vec3 } from '../../../electron/core/geometry/frames'
import { matchAllPatients } from '../../../electron/core/match/match-all'
import { matchPatient, trackOfLesion } from '../../../electron/core/match/match-patient'
import { loadMatcherModel } from '../../../electron/core/match/model'
import type { MatchLesion, PatientMatch, UserDecision } from '../../../electron/core/match/types'
import { lesion, shifted } from './lesions'
import { simulatePatient } from './simulated-patients'

const model = loadMatcherModel()

function sameTrack(trackOf: Map<string, string>, a: string, b: string): boolean {
  return trackOf.get(a) === trackOf.get(b)
}

/** Five lesions of distinct sizes, scanned in three studies with different table shifts. */
const BODY: { at: Vec3; longAxisMm: number }[] = [
  { at: [-90, 10, 100], longAxisMm: 12 },
  { at: [70, -40, 180], longAxisMm: 35 },
  { at: [0, 60, 260], longAxisMm: 22 },
  { at: [-40, -70, 380], longAxisMm: 17 },
  { at: [110, 30, 450], longAxisMm: 28 },
]
const SHIFTS: Vec3[] = [
  [0, 0, 0],
  [25, -10, 60],
  [-30, 15, -45],
]

function studyLesions(study: number, which: number[]): MatchLesion[] {
  return which.map((k) =>
    lesion(
      `L${k}@S${study}`,
      study,
      shifted(BODY[k].at, SHIFTS[study - 1]),
      BODY[k].longAxisMm * (1 + 0.05 * study),
    ),
  )
}

/**
 * Ten simulated patients matched after `edit` of their bookmarks: how many pairs of bookmarks the
 * tracks put together or apart against the truth.
 */
function pairErrors(edit: (lesions: MatchLesion[]) => MatchLesion[]) {
  let wrong = 0
  let pairs = 0
  const matches: PatientMatch[] = []
  for (let p = 0; p < 10; p++) {
    const patient = simulatePatient(11, `P${p}`, { studies: 4, lesions: 6 })
    const lesions = edit(patient.lesions)
    const match = matchPatient(`P${p}`, lesions, model)
    matches.push(match)
    const trackOf = trackOfLesion(match)
    const ids = lesions.map((l) => l.lesionId)
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const truth = patient.truthOf.get(ids[i]) === patient.truthOf.get(ids[j])
        pairs++
        if (truth !== sameTrack(trackOf, ids[i], ids[j])) wrong++
      }
    }
  }
  return { pairs, wrong, matches }
}

describe('matchPatient', () => {
  it('finds the true lesion behind every bookmark of simulated patients', () => {
    const { pairs, wrong } = pairErrors((lesions) => lesions)
    expect(pairs).toBeGreaterThan(1000)
    expect(wrong / pairs).toBeLessThan(0.01)
  })

  it('finds them as well when half the bookmarks measure the long axis alone', () => {
    const { pairs, wrong, matches } = pairErrors((lesions) =>
      lesions.map((l, n) => (n % 2 ? { ...l, shortAxisMm: null } : l)),
    )
    for (const match of matches) {
      expect(match.issues.filter((i) => i.severity === 'error')).toEqual([])
      for (const link of match.links) expect(Number.isFinite(link.probability)).toBe(true)
    }
    expect(pairs).toBeGreaterThan(1000)
    expect(wrong / pairs).toBeLessThan(0.01)
  })

  it('links a lesion across a study where it was not bookmarked, and says so', () => {
    const lesions = [
      ...studyLesions(1, [0, 1, 2, 3]),
      ...studyLesions(2, [1, 2, 3]),
      ...studyLesions(3, [0, 1, 2, 3]),
    ]
    const match = matchPatient('P', lesions, model)
    const track = match.tracks.find((t) => t.lesionIds.includes('L0@S1'))
    expect(track?.lesionIds).toEqual(['L0@S1', 'L0@S3'])
    expect(track?.explanation).toContain('not bookmarked in study 2 (linked across the gap)')
    expect(match.tracks).toHaveLength(4)
  })

  it('keeps every user decision when re-run after a new study arrives', () => {
    const first = [...studyLesions(1, [0, 1, 2, 3]), ...studyLesions(2, [0, 1, 2, 3])]
    const before = trackOfLesion(matchPatient('P', first, model))
    expect(sameTrack(before, 'L0@S1', 'L0@S2')).toBe(true)
    expect(sameTrack(before, 'L1@S1', 'L2@S2')).toBe(false)
    const decisions: UserDecision[] = [
      { kind: 'reject-link', lesionIdA: 'L0@S1', lesionIdB: 'L0@S2' },
      { kind: 'confirm-link', lesionIdA: 'L1@S1', lesionIdB: 'L2@S2' },
    ]
    const again = matchPatient('P', [...first, ...studyLesions(3, [0, 1, 2, 3, 4])], model, {
      decisions,
    })
    const after = trackOfLesion(again)
    expect(sameTrack(after, 'L0@S1', 'L0@S2')).toBe(false)
    expect(sameTrack(after, 'L1@S1', 'L2@S2')).toBe(true)
    const rejected = again.links.find((l) => l.lesionIdA === 'L0@S1' && l.lesionIdB === 'L0@S2')
    expect(rejected?.kept).toBe(false)
    expect(rejected?.decision).toBe('rejected by user')
    const confirmed = again.links.find((l) => l.lesionIdA === 'L1@S1' && l.lesionIdB === 'L2@S2')
    expect(confirmed?.decision).toBe('confirmed by user')
    // Untouched lesions still match, and the new lesion of study 3 starts its own track.
    expect(sameTrack(after, 'L3@S1', 'L3@S3')).toBe(true)
    expect(again.tracks.find((t) => t.lesionIds.includes('L4@S3'))?.lesionIds).toEqual(['L4@S3'])
  })

  it('explains each link with the distance, sizes and probability it measured', () => {
    const match = matchPatient(
      'P',
      [...studyLesions(1, [0, 1, 2]), ...studyLesions(2, [0, 1, 2])],
      model,
    )
    const link = match.links.find((l) => l.lesionIdA === 'L1@S1' && l.lesionIdB === 'L1@S2')
    expect(link?.kept).toBe(true)
    const { evidence } = link!
    expect(evidence.distanceXyMm).toBeLessThan(1e-6)
    expect(evidence.studyGap).toBe(1)
    expect(evidence.longAxisRatio).toBeCloseTo(1.1 / 1.05, 12)
    expect(evidence.mutualBest).toBe(true)
    expect(evidence.embeddingSimilarity).toBeUndefined()
    expect(link?.explanation).toContain('0.0 mm apart after alignment')
    expect(link?.explanation).toContain(
      `long axis ${Math.round(35 * 1.05)} mm → ${Math.round(35 * 1.1)} mm`,
    )
    expect(link?.explanation).toContain(`probability ${link!.probability.toFixed(2)}`)
    const track = match.tracks.find((t) => t.lesionIds.includes('L1@S1'))
    expect(track?.explanation).toMatch(
      /^2 lesions in studies 1, 2; long axis 37 mm → 39 mm; weakest link probability 0\.\d\d$/,
    )
  })

  it('reports embedding similarity and type agreement when the lesions carry them', () => {
    const e1 = Float32Array.from([1, 0, 0])
    const e2 = Float32Array.from([0.8, 0.6, 0])
    const lesions = [
      lesion('a', 1, [0, 0, 0], 20, { embedding: e1, lesionType: 4 }),
      lesion('b', 2, [2, 0, 0], 21, { embedding: e2, lesionType: 4 }),
    ]
    const [link] = matchPatient('P', lesions, model).links
    expect(link.evidence.embeddingSimilarity).toBeCloseTo(0.8, 6)
    expect(link.evidence.typesAgree).toBe(true)
    expect(link.explanation).toContain('embedding similarity 0.80, same type')
  })
})

describe('matchAllPatients', () => {
  it('matches each patient on its own and routes decisions to the right patient', () => {
    const p = simulatePatient(3, 'P', { studies: 3, lesions: 4, missRate: 0 }).lesions
    const q = simulatePatient(3, 'Q', { studies: 3, lesions: 4, missRate: 0 }).lesions
    const [a, b] = p
      .filter((l) => l.studyOrder !== p[0].studyOrder)
      .slice(0, 1)
      .concat(p[0])
    const results = matchAllPatients([...q, ...p], model, {
      decisions: [{ kind: 'reject-link', lesionIdA: a.lesionId, lesionIdB: b.lesionId }],
    })
    expect(results.map((r) => r.patientId)).toEqual(['P', 'Q'])
    const trackOf = trackOfLesion(results[0])
    expect(trackOf.get(a.lesionId)).not.toBe(trackOf.get(b.lesionId))
    expect(results[1].tracks.flatMap((t) => t.lesionIds).sort()).toEqual(
      q.map((l) => l.lesionId).sort(),
    )
  })
})
