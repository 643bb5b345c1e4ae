/**
 * A sync in its own process, so a test can kill it with SIGKILL between two pages. It syncs the
 * test specs from a sandbox running in the parent process and writes one line to stderr per
 * commit (`landed <stream> <rows>`), which is how the parent knows pages have landed.
 *
 * Usage: `node --import tsx sync-child.ts '<json>'` with the {@link ChildSync} fields.
 */
import { systemClock } from '../../core/clock.js';
import type { Clock } from '../../core/clock.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import type { SourceOverrides } from '../spec/resolve-source.js';
import { syncSources } from '../sync/sync-sources.js';
import { testSpecs } from './sandbox-sync.js';
import type { TestSpecOptions } from './sandbox-sync.js';

export interface ChildSync {
  readonly warehouse: string;
  readonly select: readonly string[];
  readonly overrides: Readonly<Record<string, SourceOverrides>>;
  readonly env: Readonly<Record<string, string>>;
  /** The parent's clock minus the wall clock: the child keeps the same time. */
  readonly clockOffsetMs: number;
  readonly batchSize: number;
  readonly specOptions?: TestSpecOptions;
}

const job = JSON.parse(process.argv[2] ?? '{}') as ChildSync;
const clock: Clock = {
  now: () => Date.now() + job.clockOffsetMs,
  sleep: (ms, signal) => systemClock.sleep(ms, signal),
};
const warehouse = await Warehouse.open({ path: job.warehouse, catalog: 'hr_test' });
const summary = await syncSources({
  warehouse,
  specs: testSpecs(job.specOptions),
  overrides: job.overrides,
  env: job.env,
  select: job.select,
  clock,
  batchSize: job.batchSize,
  reporter: {
    event: (event) => {
      if (event.kind === 'landed') {
        process.stderr.write(`landed ${event.stream} ${event.inserted}\n`);
      }
    },
  },
});
await warehouse.close();
process.stderr.write(`done ${summary.failures}\n`);
