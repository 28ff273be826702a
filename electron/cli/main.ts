/**
 * Dispatches `lesiontrack <command> …` to the subcommands; every subcommand answers --help.
 */
import { helpText, parseCommandArgs, UsageError, type Command } from './command'
import { calibrateCommand } from './commands/calibrate'
import { dlsCommand } from './commands/dls'
import { embedCommand } from './commands/embed'
import { evalCommand } from './commands/eval'
import { exportCommand } from './commands/export'
import { inspectCommand } from './commands/inspect'
import { patchesCommand } from './commands/patches'
import { serveCommand } from './commands/serve'
import { startCommand } from './commands/start'
import { synthCommand } from './commands/synth'
import { trackCommand } from './commands/track'

const COMMANDS: Command[] = [
  inspectCommand,
  startCommand,
  serveCommand,
  patchesCommand,
  embedCommand,
  evalCommand,
  synthCommand,
  dlsCommand,
  trackCommand,
  exportCommand,
  calibrateCommand,
]

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'lesiontrack — follow bookmarked lesions across a patient’s CT studies',
    '',
    'usage: lesiontrack <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `lesiontrack <command> --help` for the options of one command.',
  ].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview() + '\n')
    return name === undefined ? 2 : 0
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    process.stderr.write(`lesiontrack: unknown command '${name}'\n\n${overview()}\n`)
    return 2
  }
  try {
    const args = parseCommandArgs(command, rest)
    if (args.values.help) {
      process.stdout.write(helpText(command) + '\n')
      return 0
    }
    return await command.run(args)
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lesiontrack ${name}: ${error.message}\n\n${helpText(command)}\n`)
      return 2
    }
    process.stderr.write(`lesiontrack ${name}: ${(error as Error).message}\n`)
    return 1
  }
}
