/**
 * Lesion type names for display, re-exported from the core model so the renderer labels
 * bookmarks with the same DeepLesion coarse types the pipeline uses.
 */
export { LESION_TYPE_NAMES, type LesionType } from '../core/model/types'
