/**
 * The renderer's stores and actions, created once and handed to components with provide/inject,
 * so components never build their own API client or database.
 */
import { inject, type InjectionKey } from 'vue'
import type { ApiClient } from '../api/client'
import type { LesionTrackDatabase } from '../db/database'
import { createActivityStore } from '../stores/activity-store'
import { createDecisionsStore } from '../stores/decisions-store'
import { createRecordsStore } from '../stores/records-store'
import { createShownStudiesStore } from '../stores/shown-studies-store'
import { createTracksStore } from '../stores/tracks-store'
import { createViewerStore } from '../stores/viewer-store'
import { createVolumesStore } from '../stores/volumes-store'
import { createActions } from './actions'
import { createDecisionActions } from './decision-actions'
import { createExportActions } from './export-actions'

export function createAppContext(client: ApiClient, db: LesionTrackDatabase) {
  const records = createRecordsStore()
  const viewer = createViewerStore(records)
  const shownStudies = createShownStudiesStore(records, viewer)
  const volumes = createVolumesStore(client)
  const activity = createActivityStore()
  const tracks = createTracksStore(records, viewer)
  const decisions = createDecisionsStore(records)
  const decisionActions = createDecisionActions({
    client,
    db,
    records,
    tracks,
    decisions,
    activity,
  })
  const actions = createActions({
    client,
    db,
    records,
    viewer,
    volumes,
    activity,
    tracks,
    decisionActions,
  })
  const exportActions = createExportActions({ client, db, records, activity })
  return {
    client,
    records,
    viewer,
    shownStudies,
    volumes,
    activity,
    tracks,
    decisions,
    decisionActions,
    actions,
    exportActions,
  }
}

export type AppContext = ReturnType<typeof createAppContext>

export const APP_CONTEXT: InjectionKey<AppContext> = Symbol('lesiontrack-app')

/** The app context inside a component; a missing provider is a programming error. */
export function useApp(): AppContext {
  const context = inject(APP_CONTEXT)
  if (!context) throw new Error('useApp() called outside the LesionTrack app')
  return context
}
