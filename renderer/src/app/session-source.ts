/**
 * What is open, in words: the audit log says where each load of a patient came from, and the
 * import dialog which folders a new one would be added to.
 */
import type { SessionSource } from '../../../electron/api/records'

export function describeSource(source: SessionSource): string {
  switch (source.kind) {
    case 'none':
      return 'unknown source'
    case 'demo':
      return `demo ${source.folder}`
    case 'folders':
      return `${source.folders.length === 1 ? 'folder' : 'folders'} ${source.folders.join(', ')}`
  }
}
