// `npm test`: provisions system packages, then type-checks, lints, runs the unit suite and the
// end-to-end suite in real Chromium. Stops at the first failing step and says which it was.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { provision } from './provision.mjs'

const bin = (name) => `node_modules/.bin/${name}`

const STEPS = [
  {
    name: 'type-check (node: core, cli, main, preload, host, tests)',
    cmd: [bin('tsc'), '-p', 'tsconfig.json'],
  },
  existsSync('tsconfig.web.json') && {
    name: 'type-check (renderer)',
    cmd: [bin('vue-tsc'), '-p', 'tsconfig.web.json'],
  },
  { name: 'lint', cmd: [bin('eslint'), '--max-warnings=0', '.'] },
  {
    name: 'format',
    cmd: [
      bin('prettier'),
      '--check',
      '--log-level=warn',
      'electron',
      'renderer',
      'test',
      'build',
      'eslint.config.js',
      'vitest.config.ts',
    ],
  },
  { name: 'unit and integration tests (vitest)', cmd: [bin('vitest'), 'run'] },
  existsSync('test/e2e/run.ts') && {
    name: 'end-to-end tests (Chromium)',
    cmd: ['node', '--import', 'tsx', 'test/e2e/run.ts'],
  },
].filter(Boolean)

function main() {
  if (!provision()) return 1
  const timings = []
  for (const step of STEPS) {
    console.log(`\n▶ ${step.name}`)
    const started = Date.now()
    const { status } = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit' })
    timings.push(`${step.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`)
    if (status !== 0) {
      console.error(`\n✗ ${step.name} failed (exit ${status})`)
      return 1
    }
  }
  console.log(`\n✓ all steps passed\n  ${timings.join('\n  ')}`)
  return 0
}

process.exitCode = main()
