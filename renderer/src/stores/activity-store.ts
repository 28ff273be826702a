/**
 * Long jobs and their outcome as the user sees them: progress of running jobs (pushed by the
 * service), the report of the last load with its per-file issues, and the last failure.
 */
import { reactive, readonly } from 'vue'
import type { ApiError, JobProgress } from '../../../electron/api/contract'
import type { LoadReport } from '../../../electron/api/records'

interface ActivityState {
  /** Running jobs by id; a job disappears when it reports finished. */
  jobs: Record<number, JobProgress>
  lastReport: LoadReport | null
  /** The last failed action, shown until dismissed or superseded. */
  failure: (ApiError & { action: string }) | null
}

export function createActivityStore() {
  const state = reactive<ActivityState>({ jobs: {}, lastReport: null, failure: null })

  function reportProgress(progress: JobProgress): void {
    if (progress.finished) delete state.jobs[progress.jobId]
    else state.jobs[progress.jobId] = progress
  }

  function setReport(report: LoadReport): void {
    state.lastReport = report
  }

  function setFailure(action: string, error: ApiError): void {
    state.failure = { action, ...error }
  }

  function dismissFailure(): void {
    state.failure = null
  }

  return { state: readonly(state), reportProgress, setReport, setFailure, dismissFailure }
}

export type ActivityStore = ReturnType<typeof createActivityStore>
