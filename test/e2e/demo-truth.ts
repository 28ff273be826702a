/**
 * The demo patient's ground truth as the generator wrote it (truth.json next to the images):
 * the specs derive every expected count, date and RECIST position from it, never from constants.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  TRUTH_FILE,
  type Truth,
  type TruthPatient,
  type TruthStudy,
} from '../../electron/core/synth/truth'

export type DemoTruth = TruthPatient

/** Reads truth.json of the demo folder; the demo holds exactly one patient. */
export async function readDemoTruth(demoFolder: string): Promise<DemoTruth> {
  const truth = JSON.parse(await readFile(join(demoFolder, TRUTH_FILE), 'utf8')) as Truth
  if (truth.patients.length !== 1) {
    throw new Error(`the demo should hold one patient, truth.json lists ${truth.patients.length}`)
  }
  return truth.patients[0]
}

/** The demo's studies in study order (baseline first), as the app lays them out. */
export function studiesInOrder(truth: DemoTruth): TruthStudy[] {
  return [...truth.studies].sort((a, b) => a.studyIndex - b.studyIndex)
}
