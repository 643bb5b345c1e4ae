/**
 * The `hrflow` command line. This is the only place that turns outcomes and errors into exit
 * codes: 0 ok, 1 a node, test or sync failed, 2 a usage or configuration error.
 */
import { Command, CommanderError, Option } from 'commander';
import { formatError, HrflowError } from '../core/errors.js';
import { createLogger } from '../core/log.js';
import type { LogFormat } from '../core/log.js';
import { COMMANDS } from './commands.js';
import type { CliIo, CommandOutcome, GlobalOptions } from './context.js';
import { VERSION } from '../version.js';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
  cwd: process.cwd(),
  env: process.env,
};

/** Runs the CLI with `argv` as `process.argv` and resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let outcome: CommandOutcome | undefined;
  let logFormat: LogFormat = 'text';
  const program = new Command('hrflow')
    .description('HR data platform: sources to a governed lakehouse, dbt-style')
    .version(VERSION, '-V, --version')
    .addOption(new Option('-t, --target <name>', 'target from hrflow.config.yaml'))
    .addOption(new Option('--project-dir <dir>', 'project root').default(io.cwd))
    .addOption(new Option('--vars <yaml>', 'YAML or JSON object overriding project vars'))
    .addOption(new Option('--threads <n>', 'concurrent nodes').argParser(positiveInt))
    .addOption(
      new Option('--log-format <format>', 'log line format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addOption(
      new Option('--log-level <level>', 'least level logged')
        .choices(['debug', 'info', 'warn', 'error'])
        .default('info'),
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  for (const define of COMMANDS) {
    define(program, async (command, run) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      logFormat = globals.logFormat;
      const logger = createLogger({
        format: globals.logFormat,
        level: globals.logLevel,
        write: (line) => io.stderr(`${line}\n`),
      });
      outcome = await run({ io, globals, logger });
    });
  }

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    report(io, error, logFormat);
    return error instanceof HrflowError && error.category !== 'runtime' ? EXIT.usage : EXIT.failed;
  }
  if (!outcome) return EXIT.ok;
  return outcome.failures > 0 ? EXIT.failed : EXIT.ok;
}

function report(io: CliIo, error: unknown, format: LogFormat): void {
  if (format === 'json') {
    const e = error instanceof HrflowError ? error : undefined;
    io.stderr(
      `${JSON.stringify({
        ts: new Date().toISOString(),
        level: 'error',
        code: e?.code ?? 'internal',
        msg: error instanceof Error ? error.message : String(error),
        location: e?.location,
        hint: e?.hint,
      })}\n`,
    );
    return;
  }
  io.stderr(`${formatError(error)}\n`);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new HrflowError('usage-invalid', `expected a positive whole number, got '${value}'`);
  }
  return n;
}
