/**
 * What a study view says about how its study was put into the patient frame: linked scrolling,
 * expected places and side-by-side levels are only as good as that placement, so a reader must
 * see when a study is placed by few lesions, by the images alone, or not at all.
 */
import type { StudyTransformRecord } from '../../../electron/api/tracks'

export interface AlignmentLabel {
  /** Short text for the view's footer. */
  text: string
  /** The numbers and what they mean, for the tooltip. */
  detail: string
  /** False when nothing placed the study (it stays in its scanner frame). */
  placed: boolean
}

/**
 * Below this confidence (margin over the best other shift under a quarter of one well-matched
 * lesion) another placement was nearly as good: the label says uncertain.
 */
export const UNCERTAIN_CONFIDENCE = 0.2

function shiftText(t: StudyTransformRecord): string {
  return `Shifted ${t.translationMm.map((v) => v.toFixed(1)).join(', ')} mm (x, y, z) into the patient frame`
}

/** A study nothing placed: no transform, or one left in the scanner frame. */
export const NOT_ALIGNED: AlignmentLabel = {
  text: 'Not aligned',
  detail:
    'Neither bookmarks nor the images place this study: linked scrolling and expected places use its scanner positions, which can be centimetres off.',
  placed: false,
}

/** The label of one study's placement; see the module comment. */
export function alignmentLabel(t: StudyTransformRecord): AlignmentLabel {
  if (t.source === 'bookmarks') {
    const n = t.supportingLesions
    const lesions = n === null ? 'its lesions' : `${n} lesion${n === 1 ? '' : 's'}`
    const uncertain = t.confidence < UNCERTAIN_CONFIDENCE
    return {
      text: `Aligned by ${lesions}${uncertain ? ' · uncertain' : ''}`,
      detail: `${shiftText(t)}: ${n ?? 'some'} of its bookmarked lesions line up with lesions of other studies (confidence ${t.confidence.toFixed(2)}${uncertain ? '; another placement fits almost as well' : ''}).`,
      placed: true,
    }
  }
  if (t.source !== 'prior') {
    return {
      text: 'Aligned by images',
      detail: `${shiftText(t)} by ${t.source}; no bookmark of this study confirms it.`,
      placed: true,
    }
  }
  return NOT_ALIGNED
}
