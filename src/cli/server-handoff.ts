/**
 * Before a command opens the warehouse: if `hrflow serve` holds it, run the command there as a
 * job and show its progress here, with the same reporter a direct run uses. Returns undefined
 * when no server holds the warehouse, and the command then works directly.
 */
import { join, resolve } from 'node:path';
import type { SyncReporter } from '../connectors/progress/sync-events.js';
import type { RunReporter } from '../engine/run/reporter.js';
import { loadSettings } from '../engine/project/settings.js';
import type { ProjectSettings } from '../engine/project/settings.js';
import type { ReadExecutor } from '../engine/adapters/adapter.js';
import { duckdbDialect } from '../engine/adapters/duckdb/duckdb-dialect.js';
import { DuckDBExecutor } from '../engine/adapters/duckdb/duckdb-executor.js';
import { openWarehouse } from '../engine/invoke.js';
import { findServer, readOnServer, runOnServer } from '../serve/client/handoff.js';
import type { JobSpec } from '../serve/jobs/job.js';
import type { CommandContext, CommandOutcome } from './context.js';

export interface Handoff {
  readonly spec: JobSpec;
  readonly reporter?: RunReporter;
  readonly sync?: SyncReporter;
}

/** Runs `handoff` on the server holding this project's warehouse, if there is one. */
export async function handOffToServer(
  context: CommandContext,
  handoff: Handoff,
): Promise<CommandOutcome | undefined> {
  const { io, globals, logger } = context;
  let settings: ProjectSettings;
  try {
    settings = loadSettings({
      projectDir: globals.projectDir,
      ...(globals.target ? { target: globals.target } : {}),
      env: io.env,
    });
  } catch {
    return undefined;
  }
  if (settings.target.path === ':memory:') return undefined;
  const server = await findServer(join(settings.root, settings.paths.target), settings.target.path);
  if (!server) return undefined;

  logger.info(
    'handed-to-server',
    `hrflow serve (PID ${server.pid}) holds the warehouse; running this there`,
  );
  const spec: JobSpec = {
    ...handoff.spec,
    ...(globals.vars ? { vars: globals.vars } : {}),
    ...(globals.threads ? { threads: globals.threads } : {}),
    ...(handoff.spec.state ? { state: resolve(io.cwd, handoff.spec.state) } : {}),
  };
  const outcome = await runOnServer(server, spec, {
    ...(handoff.reporter ? { reporter: handoff.reporter } : {}),
    ...(handoff.sync ? { sync: handoff.sync } : {}),
    queued: (id) => logger.debug('job-queued', `job ${id} queued on the server`),
  });
  return { failures: outcome.failures };
}

/** Reads of the warehouse for a command that does not write. */
export interface WarehouseReader {
  readonly executor: ReadExecutor;
  close(): Promise<void>;
}

/**
 * Reads through the `hrflow serve` that holds this project's warehouse when one runs (the file
 * is locked to it), else from the file itself.
 */
export async function openWarehouseReader(
  context: CommandContext,
  settings: ProjectSettings,
): Promise<WarehouseReader> {
  const server =
    settings.target.path === ':memory:'
      ? undefined
      : await findServer(join(settings.root, settings.paths.target), settings.target.path);
  if (server) {
    context.logger.info(
      'read-through-server',
      `hrflow serve (PID ${server.pid}) holds the warehouse; reading through it`,
    );
    return {
      executor: { dialect: duckdbDialect, query: (sql) => readOnServer(server, sql) },
      close: () => Promise.resolve(),
    };
  }
  const warehouse = await openWarehouse(settings);
  const session = await warehouse.session();
  return {
    executor: new DuckDBExecutor(session),
    close: async () => {
      session.close();
      await warehouse.close();
    },
  };
}
