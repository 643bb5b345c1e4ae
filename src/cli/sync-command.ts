/**
 * `hrflow sync [source[.stream] …] [--full-refresh] [--ids source.stream=id,id …]`: pull sources
 * into bronze, or only the named records of streams that can be looked up by id.
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import { createTerminalReporter } from '../connectors/progress/terminal-reporter.js';
import { syncSources } from '../connectors/sync/sync-sources.js';
import { openWarehouse } from '../engine/invoke.js';
import { loadSettings } from '../engine/project/settings.js';
import { openSourceEnvironment } from '../pipeline/source-environment.js';
import type { CommandDefinition } from './context.js';
import { projectLoadOptions } from './project-options.js';
import { HrflowError } from '../core/errors.js';
import { handOffToServer } from './server-handoff.js';

export const syncCommand: CommandDefinition = (program, invoke) => {
  program
    .command('sync')
    .description('pull source streams into bronze (all sources when none is named)')
    .argument('[selectors...]', 'source or source.stream, e.g. greenhouse.candidates')
    .addOption(new Option('--full-refresh', 'ignore saved cursors and re-read everything'))
    .addOption(
      new Option(
        '--ids <source.stream=id,…>',
        'read only these records (repeatable); streams with a lookup read them, the rest sync as usual',
      )
        .argParser(collectIds)
        .default({}),
    )
    .addOption(
      new Option(
        '--wait <seconds>',
        'wait this long for another process holding the warehouse',
      ).argParser(Number),
    )
    .action(async (selectors: string[], _options: unknown, command: Command) => {
      await invoke(command, async (context) => {
        const { io, globals, logger } = context;
        const opts = command.opts<{
          fullRefresh?: boolean;
          wait?: number;
          ids: Record<string, string[]>;
        }>();
        const records = Object.keys(opts.ids).length > 0 ? { records: opts.ids } : {};
        const reporter = createTerminalReporter({ write: io.stderr, isTTY: io.isTTY });
        const handed = await handOffToServer(context, {
          spec: {
            kind: 'sync',
            select: selectors,
            fullRefresh: opts.fullRefresh ?? false,
            failFast: false,
            ...(records.records ? { syncRecords: records.records } : {}),
          },
          sync: reporter,
        });
        if (handed) return handed;

        const settings = loadSettings(projectLoadOptions(globals, io.env));
        const sources = await openSourceEnvironment(settings, io.env, logger);
        try {
          const warehouse = await openWarehouse(settings, (opts.wait ?? 0) * 1000);
          try {
            const summary = await syncSources({
              warehouse,
              specs: sources.specs,
              overrides: sources.overrides,
              env: sources.env,
              select: selectors,
              fullRefresh: opts.fullRefresh ?? false,
              ...records,
              reporter,
              logger,
            });
            return { failures: summary.failures };
          } finally {
            await warehouse.close();
          }
        } finally {
          await sources.close();
        }
      });
    });
};

/** Parses one `--ids greenhouse.candidates=101,102` into the ids gathered so far. */
function collectIds(value: string, previous: Record<string, string[]>): Record<string, string[]> {
  const match = /^([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)=([^,\s]+(?:,[^,\s]+)*)$/.exec(value);
  if (!match?.[1] || !match[2]) {
    throw new HrflowError('usage-invalid', `--ids '${value}' is not source.stream=id,id`, {
      hint: 'Write it as --ids greenhouse.candidates=101,102; repeat --ids for other streams.',
    });
  }
  const key = match[1];
  return { ...previous, [key]: [...new Set([...(previous[key] ?? []), ...match[2].split(',')])] };
}
