// A patient followed over many studies must not get as many slivers of views: the baseline and the
// latest ones are shown, the reader picks others (a study arriving later is shown beside them),
// and the keys and the active view follow.
import { describe, expect, it } from 'vitest'
import { createRecordsStore } from '../../../renderer/src/stores/records-store'
import {
  createShownStudiesStore,
  defaultShownStudies,
  MAX_SHOWN_STUDIES,
} from '../../../renderer/src/stores/shown-studies-store'
import { createViewerStore } from '../../../renderer/src/stores/viewer-store'
import { longFollowUp } from './records'

function followedOver(count: number) {
  const records = createRecordsStore()
  records.setPatientRecords(longFollowUp(count))
  const viewer = createViewerStore(records)
  viewer.resetViews()
  return { records, viewer, shown: createShownStudiesStore(records, viewer) }
}

describe('shown studies', () => {
  it('shows every study up to four, else the baseline and the latest three', () => {
    expect(MAX_SHOWN_STUDIES).toBe(4)
    expect(defaultShownStudies(['a', 'b', 'c'])).toEqual(['a', 'b', 'c'])
    expect(defaultShownStudies(['a', 'b', 'c', 'd'])).toEqual(['a', 'b', 'c', 'd'])
    expect(followedOver(7).shown.shown()).toEqual(['S1', 'S5', 'S6', 'S7'])
  })

  it('shows a picked study in study order and hides one, never the last one shown', () => {
    const { shown } = followedOver(6)
    shown.toggle('S2')
    expect(shown.shown()).toEqual(['S1', 'S2', 'S4', 'S5', 'S6'])
    for (const uid of ['S1', 'S4', 'S5', 'S6']) shown.toggle(uid)
    expect(shown.shown()).toEqual(['S2'])
    shown.toggle('S2')
    expect(shown.shown()).toEqual(['S2'])
  })

  it('moves the active view to a shown study when its own is hidden', () => {
    const { viewer, shown } = followedOver(6)
    expect(viewer.state.activeStudyUid).toBe('S1')
    shown.toggle('S1')
    expect(viewer.state.activeStudyUid).toBe('S4')
  })

  it('shows a study that arrived after the pick beside the picked ones', () => {
    const { records, shown } = followedOver(6)
    shown.toggle('S5')
    expect(shown.shown()).toEqual(['S1', 'S4', 'S6'])
    // A follow-up added from another folder: the patient is loaded again with a seventh study.
    records.setPatientRecords(longFollowUp(7))
    expect(shown.shown()).toEqual(['S1', 'S4', 'S6', 'S7'])
  })

  it('keeps each patient’s pick apart', () => {
    const { records, shown } = followedOver(6)
    shown.toggle('S3')
    records.setPatientRecords({
      ...longFollowUp(5),
      patient: { ...longFollowUp(5).patient, patientId: 'P2' },
    })
    expect(shown.state.pickedByPatient.P1.shown).toEqual(['S1', 'S3', 'S4', 'S5', 'S6'])
    expect(shown.state.pickedByPatient.P2).toBeUndefined()
  })
})
