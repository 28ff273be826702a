/**
 * The trial protocol's choices the RECIST 1.1 reading leaves open: which scans make one
 * assessment, and how long after baseline stable disease must last to count as the best response.
 * Kept in the settings, the same for every patient of a reading.
 */

export interface ResponseProtocol {
  /**
   * Studies at most this many days after a timepoint's first study belong to it: one assessment's
   * scans are done within days, follow-ups weeks apart (trials assess every 6 to 8 weeks and
   * allow a window of about a week around each). 0: one timepoint per date.
   */
  timepointWindowDays: number
  /** Least time from baseline at which stable disease counts as the best response (days). */
  stableDiseaseMinDays: number
}

export const DEFAULT_RESPONSE_PROTOCOL: ResponseProtocol = {
  timepointWindowDays: 7,
  stableDiseaseMinDays: 42,
}

/** The ranges a protocol's values must lie in (whole days). */
export const RESPONSE_PROTOCOL_LIMITS: Record<keyof ResponseProtocol, [number, number]> = {
  timepointWindowDays: [0, 60],
  stableDiseaseMinDays: [0, 365],
}
