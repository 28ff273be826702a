/**
 * `lesiontrack dls PAIRS.json`: runs the matcher on a DLS benchmark split by the DLS protocol,
 * writes {lesions: [{key, track}], pairs: [{a, b, score}]}, and prints the protocol's figures;
 * optionally refits the weights (--fit) and cross-validates them by patient (--cv).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { crossValidate, fitMatcher, type CrossValidation } from '../../core/dls/calibrate'
import type { AucLossKind } from '../../core/dls/auc-loss'
import { parseDlsSplit } from '../../core/dls/dls-split'
import { dlsProtocol } from '../../core/dls/protocol'
import {
  analyseDlsSplit,
  dlsMetrics,
  dlsResult,
  predictDls,
  type DlsMetrics,
} from '../../core/dls/run-dls'
import { loadMatcherModel, type MatcherModel } from '../../core/match/model'
import { intOption, UsageError, type Command } from '../command'

/** A figure to four places, or 'undefined' (e.g. a precision with nothing predicted). */
function pct(v: number): string {
  return Number.isNaN(v) ? 'undefined' : v.toFixed(4)
}

/** The AUC, or why there is none: ranking needs a same-lesion and a different-lesion pair. */
function auc(m: DlsMetrics): string {
  if (!Number.isNaN(m.auc)) return pct(m.auc)
  return m.sameGroupPairs === 0
    ? 'undefined (no same-lesion pair to rank)'
    : 'undefined (no different-lesion pair to rank against)'
}

const LOSS_LABELS: Record<AucLossKind, string> = {
  annotated: 'studies the annotation compares',
  unannotatedCoinciding: 'studies it never compares, lesions coincide',
  unannotatedApart: 'studies it never compares, lesions apart',
}

function describeLoss(m: DlsMetrics): string[] {
  if (Number.isNaN(m.auc)) return []
  return [
    `  AUC lost (1 − AUC = ${pct(1 - m.auc)}) to different-lesion pairs that outscore same-lesion pairs, in`,
    ...m.aucLoss.map(
      (l) => `    ${LOSS_LABELS[l.kind].padEnd(44)} ${pct(l.loss)}  (${l.outscoringPairs} pairs)`,
    ),
  ]
}

/** The score as a probability: Brier, ECE, then per score bin the share that was the same lesion. */
function describeCalibration(m: DlsMetrics): string[] {
  const { brier, ece, bins } = m.calibration
  return [
    `  calibration           Brier ${pct(brier)}  ECE ${pct(ece)}; score bin: mean score → share same lesion (pairs)`,
    ...bins.map(
      (b) =>
        `    ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${b.meanScore.toFixed(3)} → ${b.sameShare.toFixed(3)}  (${b.pairs})`,
    ),
  ]
}

function describe(title: string, m: DlsMetrics): string {
  return [
    title,
    `  ${m.patients} patients, ${m.lesions} lesions in ${m.groups} ground-truth groups; ${m.scoredPairs} scored pairs (${m.sameGroupPairs} same lesion); ${m.sameStudyPairs} annotated pairs within one study not scored`,
    `  pair ROC AUC          ${auc(m)}`,
    ...describeLoss(m),
    `  same-track precision  ${pct(m.tracks.precision)}  recall ${pct(m.tracks.recall)}  F1 ${pct(m.tracks.f1)}  (TP ${m.tracks.truePositives}, FP ${m.tracks.falsePositives}, FN ${m.tracks.falseNegatives})`,
    `  top-1                 ${pct(m.top1.value)}  over ${m.top1.counted} lesions with a match in another study (${m.top1.withoutMatchElsewhere} without one not counted)`,
    ...describeCalibration(m),
  ].join('\n')
}

function readJson(path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new Error(
      `${path} is not valid JSON (${(error as Error).message}); give a DLS split such as valid.json`,
    )
  }
}

export const dlsCommand: Command = {
  name: 'dls',
  summary: 'run the matcher on a DLS benchmark split and report the DLS protocol figures',
  usage:
    'PAIRS.json [--out RESULT.json] [--json] [--model matcher.json] [--fit FILE] [--cv K] [--seed N]',
  details: [
    'PAIRS.json         a DLS split (e.g. Deep Lesion Tracker data/valid.json); only key slices,',
    '                   RECIST end points and spacing are read (in-plane positions in mm from the',
    '                   centre of the 512 × 512 slice, whatever the field of view)',
    '--out FILE         write {"lesions":[{"key","track"}],"pairs":[{"a","b","score"}]}',
    '--json             print the figures as JSON',
    '--model FILE       matcher parameters (default resources/models/matcher.json)',
    '--fit FILE         fit the link weights on this split, write them to FILE, and report with',
    '                   them (in-sample figures); the track threshold and the weights of evidence',
    '                   DLS lacks (embeddings, lesion types) are kept from --model',
    '--cv K             also cross-validate by patient: refit on K-1 folds, score the K-th',
    '--seed N           seed of the cross-validation folds (default 1)',
    'Scored pairs: every two lesions of one patient in different studies; ground truth: connected',
    'components of the annotated pairs; top-1: lesions with a true match in another study, ties split;',
    'AUC lost: each different-lesion pair costs the share of same-lesion pairs it outscores, by',
    'whether an annotated pair joins its two studies and whether its lesions coincide after alignment',
    '(within position tolerance, long axes within 1.4×) (full definitions in resources/models/MATCHER.md).',
    'Calibration: the pair score read as a probability — Brier score, expected calibration error',
    'over ten equal-width score bins, and per bin the share of its pairs that are the same lesion.',
  ],
  options: {
    out: { type: 'string' },
    json: { type: 'boolean' },
    model: { type: 'string' },
    fit: { type: 'string' },
    cv: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(args) {
    const [file, ...extra] = args.positionals
    if (!file || extra.length > 0) throw new UsageError('give exactly one DLS split (JSON file)')
    const folds = intOption(args, 'cv', 0, 0)
    if (folds === 1) throw new UsageError('--cv needs at least 2 folds')
    const seed = intOption(args, 'seed', 1, 0)
    const split = parseDlsSplit(readJson(file), file)
    for (const issue of split.issues) process.stderr.write(`warning: ${issue}\n`)
    if (split.lesions.length === 0) throw new Error(`${file} holds no readable lesion pair`)
    let model: MatcherModel = loadMatcherModel(
      typeof args.values.model === 'string' ? args.values.model : undefined,
    )
    const protocol = dlsProtocol(split)
    const analyses = analyseDlsSplit(protocol, model)
    for (const analysis of analyses.values()) {
      for (const issue of analysis.issues.filter((i) => i.severity === 'error')) {
        process.stderr.write(
          `warning: ${file}: ${issue.message}; it scores 0 with every other lesion and is a track of its own\n`,
        )
      }
    }
    if (typeof args.values.fit === 'string') {
      model = fitMatcher(protocol, [...analyses.values()], model)
      writeFileSync(args.values.fit, JSON.stringify(model, null, 2) + '\n')
    }
    const prediction = predictDls(analyses.values(), model)
    const metrics = dlsMetrics(protocol, prediction)
    const cv: CrossValidation | undefined =
      folds > 1 ? crossValidate(protocol, analyses, model, folds, seed) : undefined
    if (typeof args.values.out === 'string') {
      writeFileSync(args.values.out, JSON.stringify(dlsResult(split, protocol, prediction)) + '\n')
    }
    if (args.values.json) {
      process.stdout.write(
        JSON.stringify(
          { file, model: `${model.name} ${model.version}`, metrics, crossValidation: cv },
          null,
          2,
        ) + '\n',
      )
    } else {
      const lines = [describe(`${file} with ${model.name} ${model.version}`, metrics)]
      if (cv) {
        lines.push(
          describe(
            `patient-grouped ${cv.folds}-fold cross-validation (seed ${cv.seed}; weights refitted per fold)`,
            cv.metrics,
          ),
        )
      }
      process.stdout.write(lines.join('\n') + '\n')
    }
    return 0
  },
}
