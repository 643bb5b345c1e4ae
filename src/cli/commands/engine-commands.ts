/** `hrflow run | build | test | seed | snapshot | compile`: the engine's commands. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { createTerminalReporter } from '../../connectors/progress/terminal-reporter.js';
import { invoke } from '../../engine/invoke.js';
import type { EngineCommand } from '../../engine/invoke.js';
import { loadSettings } from '../../engine/project/settings.js';
import { failureCount } from '../../engine/run/results.js';
import type { CommandContext, CommandDefinition, CommandOutcome } from '../context.js';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import { projectLoadOptions } from '../project-options.js';
import { cliRunReporter } from '../run-progress.js';
import { handOffToServer } from '../server-handoff.js';

/** The selection options every node command takes. */
export function selectionOptions(command: Command): Command {
  return command
    .addOption(new Option('-s, --select <selector...>', 'nodes to include (dbt selector syntax)'))
    .addOption(new Option('--exclude <selector...>', 'nodes to leave out'))
    .addOption(new Option('--selector <name>', 'a named selector from the project'))
    .addOption(
      new Option('--state <dir>', 'directory of a previous manifest.json, for state: methods'),
    );
}

interface EngineCommandOptions {
  readonly select?: string[];
  readonly exclude?: string[];
  readonly selector?: string;
  readonly state?: string;
  readonly fullRefresh?: boolean;
  readonly failFast?: boolean;
  readonly wait?: number;
  /** commander's spelling of --no-sync. */
  readonly sync?: boolean;
  readonly warnError?: boolean;
  readonly storeFailures?: boolean;
}

const DESCRIPTIONS = {
  run: 'sync the sources, then seed, build and snapshot the selection (no tests)',
  build: 'sync the sources, then seed, build, snapshot and test the selection in DAG order',
  test: 'run data tests',
  seed: 'load CSV seeds',
  snapshot: 'record history of snapshot sources',
  compile: 'render the selected nodes to SQL under target/compiled (prints it for one node)',
} as const satisfies Record<EngineCommand, string>;

function defineEngineCommand(
  name: EngineCommand,
  extra?: (command: Command) => Command,
): CommandDefinition {
  return (program, invokeCommand) => {
    let command = selectionOptions(program.command(name).description(DESCRIPTIONS[name]))
      .option('--full-refresh', 'rebuild incremental models and seeds from scratch')
      .option('-x, --fail-fast', 'stop at the first failure')
      .addOption(
        new Option(
          '--wait <seconds>',
          'wait this long for another process holding the warehouse',
        ).argParser(Number),
      )
      .option('--warn-error', 'treat warnings (tests that warn, project warnings) as errors');
    if (name === 'run' || name === 'build') {
      command = command.option('--no-sync', 'build on what bronze already holds, without syncing');
    }
    if (extra) command = extra(command);
    command.action(async (_opts: EngineCommandOptions, cmd: Command) => {
      await invokeCommand(cmd, (context) =>
        runEngineCommand(name, cmd.opts<EngineCommandOptions>(), context),
      );
    });
  };
}

async function runEngineCommand(
  name: EngineCommand,
  opts: EngineCommandOptions,
  context: CommandContext,
): Promise<CommandOutcome> {
  const { io, globals, logger } = context;
  const reporter = cliRunReporter({
    write: io.stderr,
    format: globals.logFormat,
    live: io.isTTY && globals.logFormat === 'text',
  });
  const handed = await handOffToServer(context, {
    spec: {
      kind: name,
      select: opts.select ?? [],
      ...(opts.exclude ? { exclude: opts.exclude } : {}),
      ...(opts.selector ? { selector: opts.selector } : {}),
      ...(opts.state ? { state: opts.state } : {}),
      fullRefresh: opts.fullRefresh ?? false,
      failFast: opts.failFast ?? false,
      ...(opts.sync === false ? { skipSync: true } : {}),
    },
    reporter,
  });
  if (handed) {
    if (name === 'compile' && opts.select) printHandedCompile(context);
    return handed;
  }
  const options = {
    ...projectLoadOptions(globals, io.env),
    command: name,
    ...(opts.select ? { select: opts.select } : {}),
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
    ...(opts.selector ? { selector: opts.selector } : {}),
    ...(opts.state ? { state: opts.state } : {}),
    fullRefresh: opts.fullRefresh ?? false,
    failFast: opts.failFast ?? false,
    waitForLockMs: (opts.wait ?? 0) * 1000,
    warnError: opts.warnError ?? false,
    storeFailures: opts.storeFailures ?? false,
    logger,
    ...(name === 'compile' ? {} : { reporter }),
  };
  let syncFailures = 0;
  let invocation;
  if (name === 'run' || name === 'build') {
    const result = await runPipeline({
      ...options,
      skipSync: opts.sync === false,
      syncReporter: createTerminalReporter({
        write: io.stderr,
        isTTY: io.isTTY && globals.logFormat === 'text',
      }),
    });
    syncFailures = result.sync?.failures ?? 0;
    invocation = result.invocation;
  } else {
    invocation = await invoke(options);
  }
  if (name === 'compile') {
    const compiled = invocation.result.results.filter((r) => r.compiledSql !== undefined);
    // One node asked for by name prints its SQL, even when its tests came along with it.
    const named = opts.select?.length === 1 ? opts.select[0] : undefined;
    const shown =
      compiled.length === 1
        ? compiled[0]
        : compiled.filter((r) => r.kind !== 'test' && r.name === named).at(0);
    if (shown && opts.select) {
      io.stdout(`${shown.compiledSql?.trim() ?? ''}\n`);
    } else {
      logger.info('compiled', `compiled ${compiled.length} node(s) into target/compiled/`);
    }
    for (const r of invocation.result.results.filter((x) => x.status === 'error')) {
      logger.error(r.error?.code ?? 'compile-error', `${r.name}: ${r.message}`);
    }
  }
  return { failures: syncFailures + failureCount(invocation.result) };
}

/**
 * After a compile ran on the server: print the one node's SQL as a direct compile does, from
 * the run_results.json the server wrote into this project's target folder.
 */
function printHandedCompile({ io, globals }: CommandContext): void {
  const settings = loadSettings(projectLoadOptions(globals, io.env));
  const path = join(settings.root, settings.paths.target, 'run_results.json');
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const results =
    typeof parsed === 'object' && parsed !== null ? (parsed as { results?: unknown }).results : [];
  const compiled = (Array.isArray(results) ? results : [])
    .map((r: unknown) =>
      typeof r === 'object' && r !== null ? (r as { compiled_code?: unknown }).compiled_code : null,
    )
    .filter((code): code is string => typeof code === 'string');
  if (compiled.length === 1) io.stdout(`${compiled[0]?.trim() ?? ''}\n`);
}

/** `--store-failures` on the commands that run tests. */
const storeFailuresOption = (command: Command): Command =>
  command.option('--store-failures', "keep each test's failing rows in the audit schema");

export const ENGINE_COMMANDS: readonly CommandDefinition[] = (
  ['run', 'build', 'test', 'seed', 'snapshot', 'compile'] as const
).map((name) =>
  defineEngineCommand(name, name === 'test' || name === 'build' ? storeFailuresOption : undefined),
);
