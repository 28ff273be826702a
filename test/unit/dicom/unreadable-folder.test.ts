// A folder the user may not read (permissions, as on a shared PACS export) must give one issue
// naming it, while the readable rest imports. Tests run as root, whom permissions do not stop:
// the import runs in a child process whose capability bounding set lacks DAC override and DAC
// read-search (setpriv), so the kernel applies the folder's mode 000 to it like to any user,
// while the repository (owned by root, readable by its owner) stays readable wherever it lives.
import { spawnSync } from 'node:child_process'
import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { ImportIssue } from '../../../electron/core/model/types'
import { tempFolder, writeSyntheticSeries } from './fixtures'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const temp = tempFolder('unreadable')
afterAll(temp.remove)

describe('readDicomFolder by a process that may not read one subfolder', () => {
  it('reports the locked folder once and imports the readable series', async () => {
    await writeSyntheticSeries(join(temp.dir, 'open'), { dims: [8, 6, 3], seriesUid: '2.25.9001' })
    await writeSyntheticSeries(join(temp.dir, 'locked'), {
      dims: [8, 6, 3],
      seriesUid: '2.25.9002',
    })
    chmodSync(join(temp.dir, 'locked'), 0o000)

    const child = spawnSync(
      'setpriv',
      [
        '--bounding-set=-dac_override,-dac_read_search',
        process.execPath,
        '--import',
        'tsx',
        'test/unit/dicom/tools/import-summary.ts',
        temp.dir,
      ],
      { cwd: REPO, encoding: 'utf8' },
    )
    chmodSync(join(temp.dir, 'locked'), 0o755)
    expect(child.stderr).toBe('')
    const summary = JSON.parse(child.stdout) as { series: string[]; issues: ImportIssue[] }
    expect(summary.series).toEqual(['2.25.9001'])
    expect(summary.issues).toHaveLength(1)
    expect(summary.issues[0]).toMatchObject({
      file: join(temp.dir, 'locked'),
      code: 'unreadable-folder',
      severity: 'error',
    })
    expect(summary.issues[0].message).toMatch(/permission denied \(EACCES\)/)
    expect(summary.issues[0].hint).toMatch(/read access/)
  })
})
