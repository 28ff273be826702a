/**
 * The matcher's calibrated parameters (resources/models/matcher.json): noise model, alignment
 * settings, the link-probability weights and the track threshold, read and checked in one place.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { FEATURE_NAMES, type FeatureName } from './features'

export interface MatcherModel {
  name: string
  version: string
  /** How a lesion centre scatters between studies once aligned (mm), growing with lesion size. */
  noise: {
    xyBaseMm: number
    xyPerLongAxis: number
    zBaseMm: number
    zPerLongAxis: number
    /** Share of lesion centres that scatter wider than the tolerance (0 … 1). */
    outlierShare: number
    /** How much wider, in tolerances. */
    outlierScale: number
  }
  alignment: {
    /** Width of the size agreement (natural log of the diameter ratio) when voting for a shift. */
    sizeSigmaLog: number
    /** Pairs whose size agreement is below this do not vote. */
    minSizeWeight: number
    /** Weight of the prior that a study's scanner frame is close to the others'. */
    priorWeight: number
    priorXyMm: number
    priorZMm: number
    /** Pairwise consensus is computed for studies at most this many apart in time order. */
    pairWindow: number
    /** Shifts per study pair offered to the joint search. */
    modesPerPair: number
    sweeps: number
  }
  /** Width of the size term (log ratio) used to rank a lesion's candidates in one study. */
  rankingSizeSigmaLog: number
  duplicates: {
    /** Same-study lesions of different series closer than this many tolerances are one lesion. */
    toleranceSigmas: number
    maxLogSizeRatio: number
  }
  probability: {
    intercept: number
    weights: Record<FeatureName, number>
  }
  tracks: {
    /** A link joins two tracks only at or above this probability. */
    linkThreshold: number
    /** Links below this are not put in the lesion graph at all (they cannot matter). */
    candidateFloor: number
  }
}

/** The model card shipped in resources/models, located from this source file. */
export function defaultMatcherModelPath(): string {
  return fileURLToPath(new URL('../../../resources/models/matcher.json', import.meta.url))
}

function fail(file: string, what: string): never {
  throw new Error(
    `${file}: ${what}. Restore resources/models/matcher.json from the repository, or write a new one with \`lesiontrack dls PAIRS.json --fit FILE\`.`,
  )
}

function num(file: string, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(file, `${path} must be a number`)
  return value
}

function obj(file: string, value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) fail(file, `${path} must be an object`)
  return value as Record<string, unknown>
}

/** Checks a parsed matcher.json; `file` names it in error messages. */
export function parseMatcherModel(json: unknown, file = 'matcher.json'): MatcherModel {
  const root = obj(file, json, 'the file')
  const noise = obj(file, root.noise, 'noise')
  const alignment = obj(file, root.alignment, 'alignment')
  const duplicates = obj(file, root.duplicates, 'duplicates')
  const probability = obj(file, root.probability, 'probability')
  const weightsJson = obj(file, probability.weights, 'probability.weights')
  const tracks = obj(file, root.tracks, 'tracks')
  const weights = {} as Record<FeatureName, number>
  for (const name of FEATURE_NAMES) {
    weights[name] = num(file, weightsJson[name] ?? 0, `probability.weights.${name}`)
  }
  const unknown = Object.keys(weightsJson).filter((k) => !FEATURE_NAMES.includes(k as FeatureName))
  if (unknown.length > 0) fail(file, `unknown feature weights: ${unknown.join(', ')}`)
  return {
    name: String(root.name ?? 'matcher'),
    version: String(root.version ?? '0'),
    noise: {
      xyBaseMm: num(file, noise.xyBaseMm, 'noise.xyBaseMm'),
      xyPerLongAxis: num(file, noise.xyPerLongAxis, 'noise.xyPerLongAxis'),
      zBaseMm: num(file, noise.zBaseMm, 'noise.zBaseMm'),
      zPerLongAxis: num(file, noise.zPerLongAxis, 'noise.zPerLongAxis'),
      outlierShare: num(file, noise.outlierShare, 'noise.outlierShare'),
      outlierScale: num(file, noise.outlierScale, 'noise.outlierScale'),
    },
    alignment: {
      sizeSigmaLog: num(file, alignment.sizeSigmaLog, 'alignment.sizeSigmaLog'),
      minSizeWeight: num(file, alignment.minSizeWeight, 'alignment.minSizeWeight'),
      priorWeight: num(file, alignment.priorWeight, 'alignment.priorWeight'),
      priorXyMm: num(file, alignment.priorXyMm, 'alignment.priorXyMm'),
      priorZMm: num(file, alignment.priorZMm, 'alignment.priorZMm'),
      pairWindow: num(file, alignment.pairWindow, 'alignment.pairWindow'),
      modesPerPair: num(file, alignment.modesPerPair, 'alignment.modesPerPair'),
      sweeps: num(file, alignment.sweeps, 'alignment.sweeps'),
    },
    rankingSizeSigmaLog: num(file, root.rankingSizeSigmaLog, 'rankingSizeSigmaLog'),
    duplicates: {
      toleranceSigmas: num(file, duplicates.toleranceSigmas, 'duplicates.toleranceSigmas'),
      maxLogSizeRatio: num(file, duplicates.maxLogSizeRatio, 'duplicates.maxLogSizeRatio'),
    },
    probability: {
      intercept: num(file, probability.intercept, 'probability.intercept'),
      weights,
    },
    tracks: {
      linkThreshold: num(file, tracks.linkThreshold, 'tracks.linkThreshold'),
      candidateFloor: num(file, tracks.candidateFloor, 'tracks.candidateFloor'),
    },
  }
}

/** Reads and checks a matcher.json (the shipped one by default). */
export function loadMatcherModel(path = defaultMatcherModelPath()): MatcherModel {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    fail(path, `cannot be read (${(error as Error).message})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    fail(path, `is not valid JSON (${(error as Error).message})`)
  }
  return parseMatcherModel(json, path)
}
