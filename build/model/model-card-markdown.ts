/**
 * Writes LESION-EMBEDDER.md, the short human-readable model card, from the JSON card, so the
 * figures in prose are always the measured ones.
 */
import type { ModelCard } from '../../electron/core/embed/model-card'
import { FEATURE_NAMES } from '../../electron/core/patch/spec'

type Figures = Record<string, Record<string, number | string>>

/** `101–148` for a run of consecutive seeds, else the list. */
function seedList(seeds: number[]): string {
  const consecutive = seeds.every((seed, n) => n === 0 || seed === seeds[n - 1] + 1)
  return consecutive && seeds.length > 2 ? `${seeds[0]}–${seeds.at(-1)}` : seeds.join(', ')
}

function channelsText(card: ModelCard): string {
  return card.patchSpec.patchChannels
    .map(
      (c, n) =>
        `${n}: plane ${c.offsetMm >= 0 ? '+' : ''}${c.offsetMm} mm, window [${c.windowHu[0]}, ${c.windowHu[1]}] HU`,
    )
    .join('; ')
}

/** The Markdown model card of a completed JSON card (see build/model/reproduce.ts). */
export function modelCardMarkdown(card: ModelCard): string {
  const spec = card.patchSpec
  const evaluation = (
    card.evaluation as { embedding: Figures & { lesions: number; patients: number } }
  ).embedding
  const speed = card.speed as Record<string, number | string>
  const data = card.data as Record<
    string,
    { groups: { seeds: number[]; patientsPerSeed: number; matrix: number }[] }
  >
  const training = card.training as {
    lesions: number
    patients: number
    epochs: number
    steps: number
    margins: number[]
    patientsPerBatch: number
    typeLossWeight: number
    seed: number
  }
  const seeds = (name: string) =>
    data[name].groups
      .map((g) => `${seedList(g.seeds)} (${g.patientsPerSeed} patients each, ${g.matrix} matrix)`)
      .join(' and ')
  return `# Lesion embedder \`${card.name}\` ${card.version}

One vector per RECIST bookmark (${card.output.dimension} values, unit length): the closer two
vectors, the more alike the lesions — type first, then location, then size — and the same lesion at
two timepoints lands close together (Yan et al., *Deep Lesion Graphs in the Wild*, CVPR 2018).
File \`${card.file}\`, ONNX opset ${card.opset}, SHA-256 \`${card.sha256}\`.

## Inputs and preprocessing

All three come from the one patch extractor (electron/core/patch), at training and at inference;
the exact spec is \`patchSpec\` in lesion-embedder.json and the runtime refuses any other.
Images are axial in the patient frame (column → patient left, row → posterior), centred on the
midpoint of the RECIST long axis on the key slice.

- \`patch\` [N, ${spec.patchChannels.length}, ${spec.patchSizePx}, ${spec.patchSizePx}]: ${spec.patchPixelMm} mm pixels
  (${spec.patchSizePx * spec.patchPixelMm} mm field), trilinear; planes are offsets from the key slice
  towards the head, interpolated between the two nearest slices whatever the slice spacing. Channels
  ${channelsText(card)}. Each window maps linearly onto [−1, 1], clipped. In-plane, beyond the image
  reads ${spec.outsideHu} HU; beyond the first/last slice repeats that slice.
- \`context\` [N, ${spec.contextWindowsHu.length}, ${spec.contextSizePx}, ${spec.contextSizePx}]: the key slice at ${spec.contextPixelMm} mm pixels
  (${spec.contextSizePx * spec.contextPixelMm} mm field, nearest voxel), windows ${spec.contextWindowsHu.map((w) => `[${w.join(', ')}]`).join(' and ')} HU, one channel each:
  where in the body the lesion is.
- \`features\` [N, ${FEATURE_NAMES.length}]: ${FEATURE_NAMES.join(', ')} = ln(RECIST diameter / ${spec.featureReferenceMm} mm).

## Training

Synthetic patients from \`lesiontrack synth\`, DeepLesion layout, patches by \`lesiontrack patches\`.
Training seeds ${seeds('train')}: ${training.lesions} lesions of ${training.patients} patients.
Validation (epoch log only) seeds ${seeds('validation')}. Evaluation seeds ${seeds('evaluation')},
never seen in training.

Loss: the sequential triplet loss of Yan et al. Each sequence is the anchor, the same lesion at
another timepoint, the lesion of the same type closest in the body, another lesion of the same type,
and a lesion of another type (half the time one of the three closest in the body); a hinge on each
consecutive pair of squared distances, margins ${training.margins.join(', ')}. Sequences are drawn inside
batches of ${training.patientsPerBatch} whole patients, so other lesions of the same patient are always at hand.
Added to it, with weight ${training.typeLossWeight}: the cross-entropy of a linear type classifier on the
embedding (dropped at export); with a few thousand synthetic lesions instead of DeepLesion's 32,000, the
hinges alone left lymph nodes of neighbouring regions mixed (top-5 type error about 20 % instead of
under 9 % on the validation seed). ${training.epochs} epochs, ${training.steps} steps, Adam, one-cycle
learning rate, seed ${training.seed}. Reproduce with \`npm run train:model\` (build/model/reproduce.ts).

## Metrics (held-out evaluation seeds, \`lesiontrack eval\`)

${evaluation.lesions} lesions of ${evaluation.patients} patients.

| figure | value |
|---|---|
| same-lesion AUC (pairs of one patient's lesions in different studies, score −distance) | ${evaluation.sameLesion.auc} (${evaluation.sameLesion.positivePairs} same, ${evaluation.sameLesion.negativePairs} different) |
| nearest lesion in another study is the same lesion | ${evaluation.sameLesion.nearestIsSameLesion} |
| top-5 retrieval type error | ${evaluation.retrievalTop5.typeErrorPercent} % |
| top-5 retrieval location error | ${evaluation.retrievalTop5.locationErrorPercent} % |
| top-5 retrieval size error | ${evaluation.retrievalTop5.sizeErrorPercent} % |

Retrieval: every lesion with a type queries the ${evaluation.retrievalTop5.k} nearest lesions of the *other*
patients (its own patient's lesions are left out, so the same lesion at another timepoint never
counts). Type error: % of retrieved lesions of another coarse type. Location error: 100 × mean
Euclidean distance between the normalized body positions of query and retrieved lesion (DL_info's
Normalized_lesion_location: x, y across the body outline at that level, z along the body).
Size error: 100 × mean |a − b| / max(a, b) of the RECIST long axes. This is our reading of Yan et
al.'s definitions (they report 8.5 %, 7.2 %, 5.1 % on DeepLesion); their normalization may differ.

## Speed (\`npm run bench:embed\`)

${speed.lesions} lesions on ${speed.volumes} loaded volumes, ${speed.executionProvider}, batches of ${speed.batch}, median of
${speed.runs} runs on this project's 2-core machine (shared): end to end (patch extraction + inference,
pipelined through the worker) ${speed.endToEndMs} ms = ${speed.lesionsPerSecond} lesions/s; inference alone on
the same patches ${speed.inferenceMs} ms; ratio ${speed.ratio}.

## Limits

${(card.limits as string[]).map((line) => `- ${line}`).join('\n')}
`
}
