/**
 * Coded concepts of the DICOM SR TID 1500 measurement reports LesionTrack writes and reads.
 * Reader and writer share this table so a bookmark round-trips with the same meaning.
 */
import type { LesionType } from '../model/types'

export interface Code {
  CodeValue: string
  CodingSchemeDesignator: string
  CodeMeaning: string
}

const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string): Code => ({
  CodeValue,
  CodingSchemeDesignator,
  CodeMeaning,
})

export const SR_CODES = {
  imagingMeasurementReport: code('126000', 'DCM', 'Imaging Measurement Report'),
  imagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'),
  measurementGroup: code('125007', 'DCM', 'Measurement Group'),
  trackingIdentifier: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUniqueIdentifier: code('112040', 'DCM', 'Tracking Unique Identifier'),
  finding: code('121071', 'DCM', 'Finding'),
  lesion: code('52988006', 'SCT', 'Lesion'),
  findingSite: code('363698007', 'SCT', 'Finding Site'),
  longAxis: code('103339001', 'SCT', 'Long Axis'),
  shortAxis: code('103340004', 'SCT', 'Short Axis'),
  /** A single length (OHIF's and 3D Slicer's line tools): read as a long axis alone. */
  length: code('410668003', 'SCT', 'Length'),
  /** A lesion's diameter drawn as one line (CID 7470): read as a long axis alone, as a length. */
  diameter: code('81827009', 'SCT', 'Diameter'),
  millimetre: code('mm', 'UCUM', 'millimeter'),
  languageOfContent: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  procedureReported: code('121058', 'DCM', 'Procedure reported'),
  ctProcedure: code('25045-6', 'LN', 'CT unspecified body region'),
  personObserver: code('121008', 'DCM', 'Person Observer Name'),
} as const

/** Older SRT codes some vendors still send for the RECIST axes and for a length. */
export const LEGACY_AXIS_CODES = {
  longAxis: 'G-A185',
  shortAxis: 'G-A186',
  length: 'G-D7FE',
  diameter: 'G-D785',
} as const

/** Finding site (SNOMED CT) written for each DeepLesion coarse type. */
export const FINDING_SITE_BY_TYPE: Record<Exclude<LesionType, -1>, Code> = {
  1: code('272673000', 'SCT', 'Bone structure'),
  2: code('113345001', 'SCT', 'Abdominal structure'),
  3: code('72410000', 'SCT', 'Mediastinal structure'),
  4: code('10200004', 'SCT', 'Liver structure'),
  5: code('39607008', 'SCT', 'Lung structure'),
  6: code('64033007', 'SCT', 'Kidney structure'),
  7: code('87784001', 'SCT', 'Soft tissues'),
  8: code('12921003', 'SCT', 'Pelvic structure'),
}

/** DeepLesion type of a finding-site code value, -1 when the site is not one of the eight. */
export function lesionTypeOfFindingSite(codeValue: string): LesionType {
  for (const [type, site] of Object.entries(FINDING_SITE_BY_TYPE)) {
    if (site.CodeValue === codeValue) return Number(type) as LesionType
  }
  return -1
}
