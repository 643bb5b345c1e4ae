/** `hrflow sync [source[.stream] …] [--full-refresh]`: pull sources into bronze. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { syncSources } from '../connectors/sync/sync-sources.js';
import { createTerminalReporter } from '../connectors/progress/terminal-reporter.js';
import { Warehouse } from '../warehouse/warehouse.js';
import type { CommandDefinition } from './context.js';
import { handOffToServer } from './server-handoff.js';
import { loadSyncProject } from './sync-project.js';

export const syncCommand: CommandDefinition = (program, invoke) => {
  program
    .command('sync')
    .description('pull source streams into bronze (all sources when none is named)')
    .argument('[selectors...]', 'source or source.stream, e.g. greenhouse.candidates')
    .addOption(new Option('--full-refresh', 'ignore saved cursors and re-read everything'))
    .action(async (selectors: string[], _options: unknown, command: Command) => {
      await invoke(command, async (context) => {
        const { io, globals, logger } = context;
        const opts = command.opts<{ fullRefresh?: boolean }>();
        const reporter = createTerminalReporter({ write: io.stderr, isTTY: io.isTTY });
        const handed = await handOffToServer(context, {
          spec: {
            kind: 'sync',
            select: selectors,
            fullRefresh: opts.fullRefresh ?? false,
            failFast: false,
          },
          sync: reporter,
        });
        if (handed) return handed;
        const project = loadSyncProject(globals.projectDir, globals.target);
        const warehouse = await Warehouse.open({
          path: project.warehouse.path,
          catalog: project.warehouse.catalog,
        });
        try {
          const summary = await syncSources({
            warehouse,
            specs: project.specs,
            overrides: project.overrides,
            env: io.env,
            select: selectors,
            fullRefresh: opts.fullRefresh ?? false,
            reporter,
            logger,
          });
          return { failures: summary.failures };
        } finally {
          await warehouse.close();
        }
      });
    });
};
