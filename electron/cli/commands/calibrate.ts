/**
 * `lesiontrack calibrate DIR…`: fits the weights of the evidence DLS cannot calibrate — embedding
 * distance and lesion type agreement — on folders with a known truth (synthetic truth.json),
 * keeping the DLS-fitted position and size weights, and writes a new matcher.json.
 */
import { writeFileSync } from 'node:fs'
import { EmbeddingWorker } from '../../core/embed/embedding-worker'
import { defaultModelCardPath } from '../../core/embed/model-card'
import { importFolder } from '../../core/import/import-folder'
import { analysePatient } from '../../core/match/analyse-patient'
import type { FeatureName } from '../../core/match/features'
import { lesionsFromBookmarks } from '../../core/match/from-bookmarks'
import { labelledPairRows } from '../../core/match/labelled-pairs'
import { fitLinkModelAdjustment } from '../../core/match/link-probability'
import { matchAnalysedPatient } from '../../core/match/match-patient'
import { loadMatcherModel, type MatcherModel } from '../../core/match/model'
import { matchingFigures, type MatchingFigures } from '../../core/match/truth-figures'
import type { MatchLesion } from '../../core/match/types'
import { labelBookmarks } from '../../core/patch/lesion-labels'
import { alignAndEmbed } from '../../core/tracking/align-and-embed'
import { UsageError, stringOption, type Command } from '../command'
import { providerOption } from './embed'

/** Bookmarks of the folders with their embeddings, and the true lesion of each. */
async function labelledLesions(
  dirs: string[],
  embed: boolean,
  args: Parameters<typeof providerOption>[0],
): Promise<{ lesions: MatchLesion[]; truthOf: Map<string, string> }> {
  const lesions: MatchLesion[] = []
  const truthOf = new Map<string, string>()
  const runner = embed
    ? await EmbeddingWorker.open(
        typeof args.values.embedder === 'string' ? args.values.embedder : defaultModelCardPath(),
        { provider: providerOption(args) },
      )
    : undefined
  try {
    for (const [f, dir] of dirs.entries()) {
      // One patient's CT volumes in memory at a time (see alignAndEmbed).
      const result = await importFolder(dir, { deferPixels: true })
      const labels = labelBookmarks(result, dir)
      if (!labels.hasTruth)
        throw new UsageError(`${dir} has no truth.json: nothing to calibrate on`)
      const images = await alignAndEmbed(result, { alignment: 'bookmarks', embedder: runner })
      const vectors = images.embeddings?.vectors
      // Folders may reuse patient ids (synthetic SYN<seed>-001 …): keep them apart.
      for (const lesion of lesionsFromBookmarks(result.bookmarks, result.studies, vectors)) {
        lesions.push({ ...lesion, patientId: `${f}/${lesion.patientId}` })
      }
      for (const l of labels.lesions)
        if (l.lesionId) truthOf.set(l.bookmark.bookmarkId, `${f}/${l.lesionId}`)
    }
  } finally {
    await runner?.close()
  }
  return { lesions, truthOf }
}

function figures(
  lesions: MatchLesion[],
  truthOf: Map<string, string>,
  model: MatcherModel,
): MatchingFigures {
  const byPatient = new Map<string, MatchLesion[]>()
  for (const l of lesions) byPatient.set(l.patientId, [...(byPatient.get(l.patientId) ?? []), l])
  const matches = [...byPatient].map(([id, own]) =>
    matchAnalysedPatient(analysePatient(id, own, model), model),
  )
  return matchingFigures(matches, lesions, truthOf)
}

function line(label: string, f: MatchingFigures): string {
  const p = f.pairs
  return `${label}: pairs F1 ${p.f1.toFixed(4)} (precision ${p.precision.toFixed(4)}, recall ${p.recall.toFixed(4)}), probability AUC ${p.probabilityAuc.toFixed(4)}, tracks exactly right ${f.tracks.exact}/${f.tracks.trueLesions} (${(100 * f.tracks.exactFraction).toFixed(1)} %)`
}

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: 'fit the embedding and lesion-type weights of the matcher on folders with truth.json',
  usage:
    'DIR… --out matcher.json [--model FILE] [--without-embeddings] [--provider P] [--embedder CARD]',
  details: [
    'DIR…               folders written by `lesiontrack synth` (truth.json names each lesion)',
    '--out FILE         where to write the calibrated matcher parameters',
    '--model FILE       parameters to start from (default resources/models/matcher.json); their',
    '                   position, size and rank weights (fitted on DLS) are kept as they are',
    '--without-embeddings  fit the type weight only (embedding weights set to 0)',
    '--provider P       execution provider of the embedding model (default auto)',
    '--embedder CARD    embedding model card (default resources/models/lesion-embedder.json)',
    'Prints the figures on these folders before and after (in-sample: judge on other folders).',
  ],
  options: {
    out: { type: 'string' },
    model: { type: 'string' },
    'without-embeddings': { type: 'boolean' },
    provider: { type: 'string' },
    embedder: { type: 'string' },
  },
  async run(args) {
    if (args.positionals.length === 0) throw new UsageError('give at least one folder')
    const out = stringOption(args, 'out')
    const base = loadMatcherModel(
      typeof args.values.model === 'string' ? args.values.model : undefined,
    )
    const embed = !args.values['without-embeddings']
    const { lesions, truthOf } = await labelledLesions(args.positionals, embed, args)
    const free: FeatureName[] = embed
      ? ['embeddingDistance', 'embeddingPresent', 'typeAgreement']
      : ['typeAgreement']
    const start: MatcherModel = {
      ...base,
      probability: {
        intercept: base.probability.intercept,
        weights: {
          ...base.probability.weights,
          embeddingDistance: 0,
          embeddingPresent: 0,
          typeAgreement: 0,
        },
      },
    }
    const byPatient = new Map<string, MatchLesion[]>()
    for (const l of lesions) byPatient.set(l.patientId, [...(byPatient.get(l.patientId) ?? []), l])
    const analyses = [...byPatient].map(([id, own]) => analysePatient(id, own, start))
    const rows = labelledPairRows(analyses, truthOf)
    const fitted: MatcherModel = {
      ...start,
      probability: fitLinkModelAdjustment(rows.features, rows.labels, start.probability, free),
    }
    writeFileSync(out, JSON.stringify(fitted, null, 2) + '\n')
    process.stdout.write(
      [
        `${lesions.length} bookmarks of ${byPatient.size} patients, ${rows.labels.length} pairs (${rows.labels.filter(Boolean).length} same lesion)`,
        `fitted: ${free.map((name) => `${name} ${fitted.probability.weights[name].toFixed(4)}`).join(', ')}; written to ${out}`,
        line('before (these weights 0)', figures(lesions, truthOf, start)),
        line('after', figures(lesions, truthOf, fitted)),
      ].join('\n') + '\n',
    )
    return 0
  },
}
