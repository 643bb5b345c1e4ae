/**
 * How long `hrflow docs generate` takes on a 1,000-model project, next to `dbt docs generate`
 * on the same files when a dbt with dbt-duckdb is at hand (`bench/.venv/bin/dbt`, or the path in
 * DBT). Builds the project first (views, so the catalog has columns), then times each docs
 * command three times. Run with `npm run bench:docs`; knobs: MODELS, DBT.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { generateProject, SOURCE_TABLES } from '../../src/testing/synthetic-dbt-project.js';

const models = Number(process.env.MODELS ?? 1000);
const dir = resolve('bench/work/docs', `project-${models}`);
const dbt = process.env.DBT ?? resolve('bench/.venv/bin/dbt');

async function hrflow(...args: string[]): Promise<number> {
  let err = '';
  const code = await main(['node', 'hrflow', ...args], {
    stdout: () => undefined,
    stderr: (t) => (err += t),
    isTTY: false,
    cwd: dir,
    env: { ...process.env },
  });
  if (code !== 0) throw new Error(`hrflow ${args.join(' ')} exited ${code}:\n${err.slice(-2000)}`);
  return code;
}

async function timed(label: string, fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label.padEnd(40)} ${seconds.toFixed(2)} s`);
  return seconds;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

generateProject(dir, models);
const warehouse = await Warehouse.open({
  path: join(dir, 'target/bench.duckdb'),
  catalog: 'bench',
});
await warehouse.withSession(async (s) => {
  await s.run('CREATE SCHEMA IF NOT EXISTS raw');
  for (let k = 0; k < SOURCE_TABLES; k++) {
    await s.run(
      `CREATE OR REPLACE TABLE raw.src_${k} AS SELECT range AS id, 'a' || range AS a, range % 7 AS b, range % 13 AS c, now() AS updated_at FROM range(1000)`,
    );
  }
});
await warehouse.close();

console.log(`project: ${models} models in ${dir}`);
await timed('hrflow run (build, not timed below)', () => hrflow('run'));
const hrflowRuns: number[] = [];
for (let i = 0; i < 3; i++) {
  hrflowRuns.push(await timed(`hrflow docs generate #${i + 1}`, () => hrflow('docs', 'generate')));
}
const noCatalog = await timed('hrflow docs generate --no-catalog', () =>
  hrflow('docs', 'generate', '--no-catalog'),
);

const dbtRuns: number[] = [];
if (existsSync(dbt)) {
  for (let i = 0; i < 3; i++) {
    dbtRuns.push(
      await timed(`dbt docs generate #${i + 1}`, () => {
        const r = spawnSync(
          dbt,
          ['docs', 'generate', '--project-dir', dir, '--profiles-dir', dir],
          {
            cwd: dir,
            encoding: 'utf8',
            env: { ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', DO_NOT_TRACK: '1' },
          },
        );
        if (r.status !== 0) {
          throw new Error(`dbt docs generate failed:\n${(r.stdout ?? '').slice(-3000)}`);
        }
      }),
    );
  }
} else {
  console.log(`no dbt at ${dbt}: set DBT or create bench/.venv with dbt-core and dbt-duckdb`);
}

console.log(
  `\n| ${models} models | hrflow docs generate: median ${median(hrflowRuns).toFixed(2)} s (first ${hrflowRuns[0]?.toFixed(2)} s; --no-catalog ${noCatalog.toFixed(2)} s) | ` +
    (dbtRuns.length > 0
      ? `dbt docs generate: median ${median(dbtRuns).toFixed(2)} s (first ${dbtRuns[0]?.toFixed(2)} s) |`
      : 'dbt: not run |'),
);
