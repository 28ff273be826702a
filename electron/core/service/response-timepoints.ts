/**
 * Which studies the RECIST reading reads as one timepoint, and from which one it starts: the
 * studies of a few days are one assessment (a chest CT and an abdomen CT of the same visit), unless
 * the reader separated a study; and a baseline the reader chose leaves earlier scans (from before
 * treatment) out of the reading.
 */
import { daysFromBaseline } from '../model/study-dates'
import type { Study } from '../model/types'
import { DEFAULT_RESPONSE_PROTOCOL } from '../response/protocol'

/**
 * The studies of each timepoint in time order: each study joins the timepoint before it when it
 * is dated within `windowDays` of that timepoint's first study (the protocol's timepoint window),
 * unless the reader made it a timepoint of its own (`separated`, by study uid); an undated study
 * is a timepoint of its own.
 */
export function timepointStudies(
  studies: readonly Study[],
  separated: ReadonlySet<string> = new Set(),
  windowDays: number = DEFAULT_RESPONSE_PROTOCOL.timepointWindowDays,
): Study[][] {
  const groups: Study[][] = []
  for (const study of [...studies].sort((a, b) => a.studyIndex - b.studyIndex)) {
    const first = groups.at(-1)?.[0]
    const daysAfter = first ? daysFromBaseline(study.studyDate, first.studyDate) : null
    const joins =
      daysAfter !== null &&
      daysAfter >= 0 &&
      daysAfter <= windowDays &&
      !separated.has(study.studyInstanceUid)
    if (joins) groups[groups.length - 1].push(study)
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
