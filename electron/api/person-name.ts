/**
 * Person names (DICOM PN) in words for the renderer, with the same function the export's report
 * uses.
 */
export { personName } from '../core/model/person-name'
