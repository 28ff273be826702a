/**
 * Which studies the RECIST reading reads as one timepoint, and from which one it starts: the
 * studies of one date are one assessment (a chest CT and an abdomen CT of the same day), and a
 * baseline the reader chose leaves earlier scans (from before treatment) out of the reading.
 */
import type { Study } from '../model/types'

/**
 * The studies of each timepoint in time order: studies of one date together, each undated study
 * on its own.
 */
export function timepointStudies(studies: readonly Study[]): Study[][] {
  const groups: Study[][] = []
  for (const study of [...studies].sort((a, b) => a.studyIndex - b.studyIndex)) {
    const last = groups.at(-1)
    if (last && study.studyDate && last[0].studyDate === study.studyDate) last.push(study)
    else groups.push([study])
  }
  return groups
}

/** A timepoint as a reader names it: its date, else its study's place in the order. */
export function timepointLabel(group: readonly Study[]): string {
  return group[0].studyDate || `study ${group[0].studyIndex}`
}

/**
 * The timepoints from the one holding `baselineStudy` on (all of them when it is null); a note
 * for the reader in `notes` says what was left out, or that the chosen study is not loaded.
 */
export function fromBaseline(
  timepoints: Study[][],
  baselineStudy: string | null,
  notes: string[],
): Study[][] {
  if (baselineStudy === null) return timepoints
  const k = timepoints.findIndex((group) => group.some((s) => s.studyInstanceUid === baselineStudy))
  if (k < 0) {
    notes.push(
      'The study chosen as the baseline is not loaded: the first study is the baseline until it is.',
    )
    return timepoints
  }
  if (k > 0) {
    const left = timepoints.slice(0, k).map(timepointLabel)
    notes.push(
      `Baseline chosen by the reader: ${timepointLabel(timepoints[k])}; ${k} earlier timepoint${k === 1 ? '' : 's'} (${left.join(', ')}) not read.`,
    )
  }
  return timepoints.slice(k)
}
