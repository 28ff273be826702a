/**
 * SOP classes the import tells apart: CT images to import, SR documents for the bookmark reader,
 * the DICOMDIR index, and names for the others so that skip messages say what a file was.
 */

/** SOP Class UIDs the import treats specially. */
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2'
export const ENHANCED_CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2.1'
export const LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2.2'
export const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10'
/** Where many PACS keep a reader's measurements: lines and text drawn on the images. */
export const GRAYSCALE_SOFTCOPY_PRESENTATION_STATE = '1.2.840.10008.5.1.4.1.1.11.1'
const COLOR_SOFTCOPY_PRESENTATION_STATE = '1.2.840.10008.5.1.4.1.1.11.2'
const PSEUDO_COLOR_SOFTCOPY_PRESENTATION_STATE = '1.2.840.10008.5.1.4.1.1.11.3'
const BLENDING_SOFTCOPY_PRESENTATION_STATE = '1.2.840.10008.5.1.4.1.1.11.4'
const SR_STORAGE_PREFIX = '1.2.840.10008.5.1.4.1.1.88.'

const NAMES = new Map([
  [CT_IMAGE_STORAGE, 'CT Image Storage'],
  [ENHANCED_CT_IMAGE_STORAGE, 'Enhanced CT Image Storage'],
  [LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE, 'Legacy Converted Enhanced CT Image Storage'],
  [MEDIA_STORAGE_DIRECTORY, 'Media Storage Directory (DICOMDIR)'],
  ['1.2.840.10008.5.1.4.1.1.4', 'MR Image Storage'],
  ['1.2.840.10008.5.1.4.1.1.4.1', 'Enhanced MR Image Storage'],
  ['1.2.840.10008.5.1.4.1.1.128', 'PET Image Storage'],
  ['1.2.840.10008.5.1.4.1.1.1', 'Computed Radiography Image Storage'],
  ['1.2.840.10008.5.1.4.1.1.7', 'Secondary Capture Image Storage'],
  [GRAYSCALE_SOFTCOPY_PRESENTATION_STATE, 'Grayscale Softcopy Presentation State Storage'],
  [COLOR_SOFTCOPY_PRESENTATION_STATE, 'Color Softcopy Presentation State Storage'],
  [PSEUDO_COLOR_SOFTCOPY_PRESENTATION_STATE, 'Pseudo-Color Softcopy Presentation State Storage'],
  [BLENDING_SOFTCOPY_PRESENTATION_STATE, 'Blending Softcopy Presentation State Storage'],
  ['1.2.840.10008.5.1.4.1.1.66', 'Raw Data Storage'],
  ['1.2.840.10008.5.1.4.1.1.66.4', 'Segmentation Storage'],
  ['1.2.840.10008.5.1.4.1.1.104.1', 'Encapsulated PDF Storage'],
  ['1.2.840.10008.5.1.4.1.1.481.3', 'RT Structure Set Storage'],
  ['1.2.840.10008.5.1.4.1.1.88.11', 'Basic Text SR Storage'],
  ['1.2.840.10008.5.1.4.1.1.88.22', 'Enhanced SR Storage'],
  ['1.2.840.10008.5.1.4.1.1.88.33', 'Comprehensive SR Storage'],
  ['1.2.840.10008.5.1.4.1.1.88.34', 'Comprehensive 3D SR Storage'],
  ['1.2.840.10008.5.1.4.1.1.88.59', 'Key Object Selection Document Storage'],
  ['1.2.840.10008.5.1.4.1.1.88.67', 'X-Ray Radiation Dose SR Storage'],
])

/** "MR Image Storage (1.2.840.10008.5.1.4.1.1.4)", or the bare UID when the class is not listed. */
export function describeSopClass(uid: string): string {
  const name = NAMES.get(uid)
  return name ? `${name} (${uid})` : `SOP class ${uid || '(none)'}`
}

/** Structured reports (all SR storage classes): the bookmark reader decides which it can read. */
export function isStructuredReport(sopClassUid: string): boolean {
  return sopClassUid.startsWith(SR_STORAGE_PREFIX)
}

/**
 * Presentation states whose Graphic Annotation module can hold a reader's lines: the grayscale
 * one most PACS write for CT, and the colour, pseudo-colour (a CT shown with a colour map) and
 * blending ones, which carry the same module and some viewers write for CT too.
 */
const PRESENTATION_STATE_CLASSES = new Set([
  GRAYSCALE_SOFTCOPY_PRESENTATION_STATE,
  COLOR_SOFTCOPY_PRESENTATION_STATE,
  PSEUDO_COLOR_SOFTCOPY_PRESENTATION_STATE,
  BLENDING_SOFTCOPY_PRESENTATION_STATE,
])

/** Whether a SOP class is a softcopy presentation state that may draw measurements. */
export function isPresentationState(sopClassUid: string): boolean {
  return PRESENTATION_STATE_CLASSES.has(sopClassUid)
}
