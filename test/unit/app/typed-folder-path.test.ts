// A folder path pasted from a file manager — quoted, or as a file URL — must reach the service as
// the plain full path it names; anything else passes unchanged (trimmed).
import { describe, expect, it } from 'vitest'
import { typedFolderPath } from '../../../renderer/src/app/typed-folder-path'

describe('typedFolderPath', () => {
  it('takes a path as typed, trimmed', () => {
    expect(typedFolderPath('  /scans/patient 1 ')).toBe('/scans/patient 1')
    expect(typedFolderPath('C:\\scans\\patient 1')).toBe('C:\\scans\\patient 1')
  })

  it('drops the quotes a file manager copies around a path', () => {
    expect(typedFolderPath("'/scans/Mr X'")).toBe('/scans/Mr X')
    expect(typedFolderPath('"C:\\scans\\Mr X"')).toBe('C:\\scans\\Mr X')
    expect(typedFolderPath('"/scans/unbalanced')).toBe('"/scans/unbalanced')
  })

  it('reads a file URL as the local path it names', () => {
    expect(typedFolderPath('file:///scans/Mr%20X/CT')).toBe('/scans/Mr X/CT')
    expect(typedFolderPath('file:///C:/scans/Mr%20X')).toBe('C:/scans/Mr X')
    expect(typedFolderPath("'file:///scans/a%23b'")).toBe('/scans/a#b')
    expect(typedFolderPath('file://pacs/exports/Mr%20X')).toBe('\\\\pacs\\exports\\Mr X')
  })
})
