/**
 * Bookmarks of one study that lie in different patient frames. The matcher places each study in
 * the patient frame with one translation, so it compares the positions of all a study's bookmarks
 * as one frame; series of one study in different frames of reference (FrameOfReferenceUID: the
 * patient was moved between two acquisitions) break that silently — say it once per study.
 */
import { importIssue } from '../model/import-issue'
import type { Bookmark, ImportIssue, Series, Study } from '../model/types'

/** One warning per study whose bookmarks lie on series of more than one frame of reference. */
export function mixedFramesOfReference(
  studies: readonly Study[],
  series: readonly Series[],
  bookmarks: readonly Bookmark[],
): ImportIssue[] {
  const seriesByUid = new Map(series.map((s) => [s.seriesInstanceUid, s]))
  return studies.flatMap((study) => {
    const marked = new Map<string, Series[]>()
    const ofStudy = bookmarks.filter((b) => b.studyInstanceUid === study.studyInstanceUid)
    for (const b of ofStudy) {
      const s = seriesByUid.get(b.seriesInstanceUid)
      if (!s?.frameOfReferenceUid) continue
      const inFrame = marked.get(s.frameOfReferenceUid) ?? []
      if (!inFrame.includes(s)) inFrame.push(s)
      marked.set(s.frameOfReferenceUid, inFrame)
    }
    if (marked.size < 2) return []
    const frames = [...marked.values()].map(
      (inFrame) => `series ${inFrame.map((s) => s.seriesNumber).join(', ')}`,
    )
    return [
      importIssue(
        ofStudy[0].sourceFile,
        'mixed-frames-of-reference',
        `the bookmarks of study ${study.studyDate || study.studyInstanceUid} lie on series in ${marked.size} frames of reference (${frames.join('; ')}): the patient was moved between these acquisitions, yet their positions are compared as one frame`,
        'Check the tracks of this study; where a lesion is matched wrongly, correct its link in the track review.',
        'warning',
      ),
    ]
  })
}
