/**
 * The shape every `lesiontrack` subcommand has, and the option parsing they share.
 * Each subcommand lives in its own file under commands/ and is listed in main.ts.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export interface Command {
  name: string
  /** One line for the command list. */
  summary: string
  /** Usage line(s) after `lesiontrack <name>`, e.g. 'DIR [--json]'. */
  usage: string
  /** Lines describing each option, shown by --help. */
  details: string[]
  options: OptionSpec
  /** Returns the process exit code. */
  run(args: ParsedArgs): Promise<number>
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>
  positionals: string[]
}

/** A mistake in how the command was called; main prints it with the usage and exits 2. */
export class UsageError extends Error {}

export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    })
    return { values, positionals }
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

export function helpText(command: Command): string {
  return [
    `lesiontrack ${command.name} — ${command.summary}`,
    '',
    `usage: lesiontrack ${command.name} ${command.usage}`,
    '',
    ...command.details.map((line) => `  ${line}`),
    '  -h, --help         show this help',
  ].join('\n')
}

/** Reads an integer option, rejecting anything that is not a whole number in range. */
export function intOption(args: ParsedArgs, name: string, fallback: number, min = 0): number {
  const raw = args.values[name]
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) {
    throw new UsageError(`--${name} must be a whole number ≥ ${min}, got '${String(raw)}'`)
  }
  return value
}

/** Reads a required string option. */
export function stringOption(args: ParsedArgs, name: string): string {
  const raw = args.values[name]
  if (typeof raw !== 'string' || raw === '') throw new UsageError(`--${name} is required`)
  return raw
}
