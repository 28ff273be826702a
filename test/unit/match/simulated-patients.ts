/**
 * Seeded in-memory patients for matcher tests and the benchmark: lesions with a true identity,
 * studies with their own scanner shift, growth, misses, reader noise and optional embeddings.
 */
import type { Vec3 } from '../../../electron/core/geometry/frames'
import type { LesionType } from '../../../electron/core/model/types'
import type { MatchLesion } from '../../../electron/core/match/types'
import { Rng } from '../../../electron/core/synth/prng'

export interface SimulationOptions {
  studies: number
  /** Physical lesions of the patient (each seen in a run of studies). */
  lesions: number
  /** Chance that a present lesion is not bookmarked in one study. */
  missRate?: number
  /** Standard deviation of each study's in-plane scanner shift (mm); z shifts are ±zShiftMm. */
  shiftXyMm?: number
  zShiftMm?: number
  /** Dimension of the embeddings to attach (0: none). */
  embeddingDimension?: number
}

export interface SimulatedPatient {
  lesions: MatchLesion[]
  /** True lesion behind each bookmark id. */
  truthOf: Map<string, string>
  /** True translation added to body-frame positions to get each study's scanner positions. */
  scannerShiftMm: Map<string, Vec3>
}

function unit(rng: Rng, dimension: number): Float32Array {
  const v = Float32Array.from({ length: dimension }, () => rng.normal())
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}

/** One patient; the same seed and patient id always give the same lesions. */
export function simulatePatient(
  seed: number,
  patientId: string,
  options: SimulationOptions,
): SimulatedPatient {
  const rng = new Rng(seed, patientId)
  const { studies, lesions } = options
  const missRate = options.missRate ?? 0.05
  const dim = options.embeddingDimension ?? 0
  const shifts: Vec3[] = Array.from({ length: studies }, () => [
    rng.normal() * (options.shiftXyMm ?? 20),
    rng.normal() * (options.shiftXyMm ?? 20),
    (rng.next() * 2 - 1) * (options.zShiftMm ?? 100),
  ])
  const result: SimulatedPatient = { lesions: [], truthOf: new Map(), scannerShiftMm: new Map() }
  shifts.forEach((s, k) => result.scannerShiftMm.set(`${patientId}/S${k + 1}`, s))
  for (let l = 0; l < lesions; l++) {
    const bodyMm: Vec3 = [(rng.next() * 2 - 1) * 150, (rng.next() * 2 - 1) * 100, rng.next() * 600]
    const baseLongMm = 20 * Math.exp(0.5 * rng.normal())
    const shortRatio = 0.5 + 0.45 * rng.next()
    const growthPerStudy = 0.1 * rng.normal()
    const type = (1 + Math.floor(rng.next() * 8)) as LesionType
    const base = dim > 0 ? unit(rng, dim) : undefined
    const first = Math.floor(rng.next() * Math.max(1, studies - 1))
    const last = first + 1 + Math.floor(rng.next() * (studies - first - 1))
    for (let s = first; s <= last; s++) {
      if (s !== first && rng.next() < missRate) continue
      const size = baseLongMm * Math.exp(growthPerStudy * (s - first) + 0.08 * rng.normal())
      const lesionId = `${patientId}/L${l + 1}/S${s + 1}`
      const noisy = base && unit(rng, dim).map((x, k) => (base[k] + 0.25 * x) / 1.03)
      result.truthOf.set(lesionId, `${patientId}/L${l + 1}`)
      result.lesions.push({
        lesionId,
        patientId,
        studyId: `${patientId}/S${s + 1}`,
        studyOrder: s + 1,
        seriesId: `${patientId}/S${s + 1}/1`,
        positionInScannerMm: [
          bodyMm[0] + shifts[s][0] + 2 * rng.normal(),
          bodyMm[1] + shifts[s][1] + 2 * rng.normal(),
          bodyMm[2] + shifts[s][2] + (3 + 0.1 * size) * rng.normal(),
        ],
        longAxisMm: size,
        shortAxisMm: size * shortRatio,
        lesionType: type,
        embedding: noisy,
      })
    }
  }
  return result
}
