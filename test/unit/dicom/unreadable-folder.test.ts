// A folder the user may not read (permissions, as on a shared PACS export) must give one issue
// naming it, while the readable rest imports. Tests run as root, whom permissions do not stop,
// so the import runs in a child process as user nobody (setpriv), where they do apply.
import { spawnSync } from 'node:child_process'
import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { ImportIssue } from '../../../electron/core/model/types'
import { tempFolder, writeSyntheticSeries } from './fixtures'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const NOBODY = '65534'
const temp = tempFolder('unreadable')
afterAll(temp.remove)

describe('readDicomFolder as a user who cannot read one subfolder', () => {
  it('reports the locked folder once and imports the readable series', async () => {
    await writeSyntheticSeries(join(temp.dir, 'open'), { dims: [8, 6, 3], seriesUid: '2.25.9001' })
    await writeSyntheticSeries(join(temp.dir, 'locked'), {
      dims: [8, 6, 3],
      seriesUid: '2.25.9002',
    })
    chmodSync(temp.dir, 0o755)
    chmodSync(join(temp.dir, 'open'), 0o755)
    chmodSync(join(temp.dir, 'locked'), 0o000)

    const child = spawnSync(
      'setpriv',
      [
        `--reuid=${NOBODY}`,
        `--regid=${NOBODY}`,
        '--clear-groups',
        process.execPath,
        '--import',
        'tsx',
        'test/unit/dicom/tools/import-summary.ts',
        temp.dir,
      ],
      { cwd: REPO, encoding: 'utf8', env: { ...process.env, HOME: '/tmp' } },
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
