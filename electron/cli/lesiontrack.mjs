#!/usr/bin/env node
// Entry of the `lesiontrack` command: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('./main.ts')
process.exitCode = await main(process.argv.slice(2))
