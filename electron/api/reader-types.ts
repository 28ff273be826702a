/**
 * The type (RECIST organ) a reader gives an imported bookmark whose report names none — a
 * presentation state never does, an SR may leave the finding site out — or names wrongly. Kept
 * as a decision and applied by these functions in the renderer (to list it) and in the service
 * and command line (to match, read and export it), so all of them agree.
 */
import type { LesionType } from '../core/model/types'

export interface TypeDecision {
  kind: 'set-type'
  /** An imported bookmark (a lesion measured in the app keeps its type in its measurement). */
  bookmarkId: string
  lesionType: LesionType
}

/** The reader's type of each bookmark named by a 'set-type' decision (the last one counts). */
export function readerTypes(decisions: readonly { kind: string }[]): Map<string, LesionType> {
  const types = new Map<string, LesionType>()
  for (const d of decisions) {
    if (d.kind === 'set-type')
      types.set((d as TypeDecision).bookmarkId, (d as TypeDecision).lesionType)
  }
  return types
}

/** `items` (bookmarks or matcher lesions, by `idOf`) with the reader's types applied. */
export function withReaderTypes<T extends { lesionType: LesionType }>(
  items: readonly T[],
  types: ReadonlyMap<string, LesionType>,
  idOf: (item: T) => string,
): T[] {
  if (types.size === 0) return [...items]
  return items.map((item) => {
    const lesionType = types.get(idOf(item))
    return lesionType === undefined ? item : { ...item, lesionType }
  })
}

/** Bookmarks given a type that are not among `known` (deleted, or their study not imported). */
export function typedButMissing(
  types: ReadonlyMap<string, LesionType>,
  known: ReadonlySet<string>,
): string[] {
  return [...types.keys()].filter((id) => !known.has(id))
}
