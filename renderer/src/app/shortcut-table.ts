/**
 * The keyboard shortcuts of the viewer as data: which keys, how they are shown, what they do.
 * The key handler binds them and the key legend lists them, so the two cannot drift apart.
 */
export type ShortcutId =
  | 'slice'
  | 'page'
  | 'study'
  | 'series'
  | 'bookmark'
  | 'track'
  | 'link'
  | 'zoom'
  | 'fit'
  | 'measure'
  | 'cancel'
  | 'preset'
  | 'open'

export interface Shortcut {
  id: ShortcutId
  /** Keys as shown, e.g. ['↑', '↓']. */
  shown: string[]
  does: string
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'slice', shown: ['↑', '↓'], does: 'slice' },
  { id: 'page', shown: ['PgUp', 'PgDn'], does: '10 slices' },
  { id: 'study', shown: ['←', '→'], does: 'study' },
  { id: 'series', shown: ['S'], does: 'next series' },
  { id: 'bookmark', shown: ['J', 'K'], does: 'bookmark' },
  { id: 'track', shown: ['T', 'Shift+T'], does: 'track' },
  { id: 'link', shown: ['L'], does: 'link scroll' },
  { id: 'zoom', shown: ['+', '−'], does: 'zoom' },
  { id: 'fit', shown: ['0'], does: 'fit' },
  { id: 'measure', shown: ['M'], does: 'measure' },
  { id: 'cancel', shown: ['Esc'], does: 'stop measuring' },
  { id: 'preset', shown: ['1–4'], does: 'window' },
  { id: 'open', shown: ['Ctrl+O'], does: 'open' },
]
