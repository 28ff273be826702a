/**
 * The RECIST 1.1 reading of one patient's tracks: the studies of a few days are one timepoint (a
 * chest CT and an abdomen CT of one visit are one assessment, not a baseline and a follow-up
 * with every abdominal lesion "new"; see response-timepoints.ts), each track a lesion with its bookmarked diameters per
 * timepoint, its type as the organ, and the reader's choices: targets, lymph nodes and lesions
 * gone applied to the track holding the bookmark each names, the baseline study, the studies read
 * as timepoints of their own and the timepoints where the non-target lesions progressed in the
 * reader's judgement.
 */
import type { ResponseDecision, TrackDecision, TrackRecord } from '../../api/tracks'
import type { UserDecision } from '../match/types'
import { LESION_TYPE_NAMES, type Study } from '../model/types'
import { DEFAULT_RESPONSE_PROTOCOL, type ResponseProtocol } from '../response/protocol'
import { assessRecist } from '../response/recist-response'
import type { RecistAssessment, RecistLesion, RecistMeasurement } from '../response/types'
import { fromBaseline, timepointLabel, timepointStudies } from './response-timepoints'

/** Said when no lesion is read as a node: the bookmarks carry no lymph-node flag. */
export const NODES_NOT_MARKED =
  'The bookmarks do not mark lymph nodes: a lesion is measured by its long axis unless you mark it a node.'

const RESPONSE_KINDS = new Set<TrackDecision['kind']>([
  'choose-baseline',
  'separate-timepoint',
  'mark-nontarget-progression',
  'choose-target',
  'drop-target',
  'mark-node',
  'mark-gone',
])

/** Whether a decision is a choice for the response reading (the matcher never sees those). */
export function isResponseDecision(decision: TrackDecision): decision is ResponseDecision {
  return RESPONSE_KINDS.has(decision.kind)
}

const MATCHER_KINDS = new Set<TrackDecision['kind']>(['confirm-link', 'reject-link', 'mark-new'])

/**
 * The decisions the matcher applies: the track corrections, not the response reading's choices
 * nor the measurements (those become bookmarks before matching).
 */
export function matcherDecisions(decisions: readonly TrackDecision[]): UserDecision[] {
  return decisions.filter((d): d is UserDecision => MATCHER_KINDS.has(d.kind))
}

/**
 * The measurement of a track at one timepoint: its largest bookmark in the timepoint's studies
 * (duplicates, and a lesion seen on two studies of one visit, agree). A node is measured by its
 * short axis, so its bookmarks of the long axis alone do not count.
 */
function measurementIn(
  track: TrackRecord,
  studyUids: ReadonlySet<string>,
  nodal: boolean,
): RecistMeasurement | undefined {
  let best: RecistMeasurement | undefined
  for (const t of track.timepoints) {
    if (!studyUids.has(t.studyInstanceUid)) continue
    if (nodal && t.shortAxisMm === null) continue
    if (!best || t.longAxisMm > best.longAxisMm) {
      best = { longAxisMm: t.longAxisMm, shortAxisMm: t.shortAxisMm }
    }
  }
  return best
}

interface ReaderChoices {
  /** 'chosen' or 'dropped' by track id; the later decision about a track wins. */
  target: Map<string, 'chosen' | 'dropped'>
  nodes: Set<string>
  /** Study uids where the reader recorded the track's lesion gone, by track id. */
  gone: Map<string, Set<string>>
  /** The study the reader chose as the baseline; null for the first study. */
  baseline: string | null
  /** Studies where the reader judged the non-target lesions unequivocally progressed. */
  nonTargetProgression: Set<string>
  /** Studies the reader made timepoints of their own. */
  separated: Set<string>
  notes: string[]
}

function readerChoices(
  tracks: readonly TrackRecord[],
  decisions: readonly ResponseDecision[],
): ReaderChoices {
  const trackOf = new Map<string, string>()
  for (const track of tracks)
    for (const t of track.timepoints) trackOf.set(t.bookmarkId, track.trackId)
  const choices: ReaderChoices = {
    target: new Map(),
    nodes: new Set(),
    gone: new Map(),
    baseline: null,
    nonTargetProgression: new Set(),
    separated: new Set(),
    notes: [],
  }
  for (const decision of decisions) {
    if (decision.kind === 'choose-baseline') {
      choices.baseline = decision.studyInstanceUid
      continue
    }
    if (decision.kind === 'mark-nontarget-progression') {
      choices.nonTargetProgression.add(decision.studyInstanceUid)
      continue
    }
    if (decision.kind === 'separate-timepoint') {
      choices.separated.add(decision.studyInstanceUid)
      continue
    }
    const trackId = trackOf.get(decision.lesionId)
    if (!trackId) {
      choices.notes.push(
        `A saved choice (${decision.kind}) names bookmark ${decision.lesionId}, which is not loaded: it applies again once it is.`,
      )
      continue
    }
    if (decision.kind === 'choose-target') choices.target.set(trackId, 'chosen')
    else if (decision.kind === 'drop-target') choices.target.set(trackId, 'dropped')
    else if (decision.kind === 'mark-node') choices.nodes.add(trackId)
    else {
      const studies = choices.gone.get(trackId) ?? new Set<string>()
      choices.gone.set(trackId, studies.add(decision.studyInstanceUid))
    }
  }
  return choices
}

/**
 * Reads the response of `patientId` from its tracks under the reader's choices and the trial
 * protocol; `studies` may hold other patients too.
 */
export function patientResponse(
  patientId: string,
  tracks: readonly TrackRecord[],
  studies: readonly Study[],
  decisions: readonly ResponseDecision[] = [],
  protocol: ResponseProtocol = DEFAULT_RESPONSE_PROTOCOL,
): RecistAssessment {
  const choices = readerChoices(tracks, decisions)
  const timepoints = fromBaseline(
    timepointStudies(
      studies.filter((s) => s.patientId === patientId),
      choices.separated,
      protocol.timepointWindowDays,
    ),
    choices.baseline,
    choices.notes,
  ).map((group) => ({ group, uids: new Set(group.map((s) => s.studyInstanceUid)) }))
  const lesions = tracks.map((track): RecistLesion => {
    const nodal = choices.nodes.has(track.trackId)
    return {
      trackId: track.trackId,
      label: track.label,
      organ: track.lesionType === -1 ? '' : LESION_TYPE_NAMES[track.lesionType],
      nodal,
      measurements: timepoints.map(({ group, uids }) => {
        const measured = measurementIn(track, uids, nodal)
        if (!measured && nodal && track.timepoints.some((t) => uids.has(t.studyInstanceUid))) {
          choices.notes.push(
            `${track.label} is a lymph node, but its bookmark at ${timepointLabel(group)} gives no short axis: not measured there.`,
          )
        }
        const goneIn = choices.gone.get(track.trackId)
        const gone = group.some((s) => goneIn?.has(s.studyInstanceUid))
        if (measured && gone) {
          choices.notes.push(
            `${track.label} is bookmarked at ${timepointLabel(group)}: the bookmark is read, not "gone".`,
          )
        }
        return measured ?? (gone ? 'disappeared' : undefined)
      }),
    }
  })
  const byChoice = (choice: 'chosen' | 'dropped') =>
    new Set([...choices.target].filter(([, c]) => c === choice).map(([trackId]) => trackId))
  const assessment = assessRecist(
    timepoints.map(({ group }) => ({
      studyId: group[0].studyInstanceUid,
      studyIds: group.map((s) => s.studyInstanceUid),
      label: timepointLabel(group),
      date: group[0].studyDate,
      nonTargetProgression: group.some((s) => choices.nonTargetProgression.has(s.studyInstanceUid)),
    })),
    lesions,
    { chosen: byChoice('chosen'), dropped: byChoice('dropped') },
    protocol,
  )
  const notes = choices.nodes.size === 0 ? [NODES_NOT_MARKED] : []
  return { ...assessment, notes: [...notes, ...choices.notes, ...assessment.notes] }
}
