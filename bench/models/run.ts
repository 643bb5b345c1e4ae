/**
 * Model benchmark (outside CI): `npm run bench:models`.
 *
 * For each size in SIZES ("active employees x applications", e.g. "600x3600"): starts the sandbox in this
 * process (as of yesterday, so one day can be added without running ahead of the wall clock),
 * copies the reference project into a temporary directory with a `bench` target pointing every
 * source at it, and runs the CLI (`bin/hrflow.js`, on dist/ compiled first) in a child process:
 *   1. sync: every stream into bronze, in this process, on a clock reading the sandbox's time;
 *   2. `hrflow run --no-sync`: build every model (the full build);
 *   3. `hrflow test`: every data test;
 *   4. scores the detectors against `sandbox.groundTruth()`;
 *   5. with INCREMENTAL=1: `sandbox.advance(1)`, sync again and `hrflow run --no-sync` again
 *      (the incremental re-run), `hrflow test` on what it built, then `hrflow run --no-sync
 *      --full-refresh` on the same bronze (the full build it is compared with).
 * Wall time, the model-build part of each run (from run_results.json) and the child's peak
 * resident memory (VmHWM) are reported. Results go to stdout as Markdown and to
 * bench/work/models/results.json.
 *
 * Knobs: SIZES (default "500x8000,1500x24000,4000x64000", active employees x applications),
 * SEED (42), INCREMENTAL, MEMORY_LIMIT (the build's DuckDB memory_limit, e.g. "12GB"), KEEP (keep
 * the project directories, with copies of the warehouse after the full build and after the second
 * sync, and the `--vars` those builds ran with), MIN_SCORECARDS (the interviewer detector's minimum, default 20).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/core/clock.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { DETECTOR_QUERIES, scoreDetectors } from '../../src/lakehouse/gold/detector-scores.js';
import type { DetectorRows, DetectorScore } from '../../src/lakehouse/gold/detector-scores.js';
import {
  SandboxClock,
  sandboxVars,
  syncProjectFromSandbox,
  writeSandboxProject,
  yesterdayUtc,
} from '../../src/lakehouse/sandbox-project.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import type { Session } from '../../src/warehouse/warehouse.js';

const root = process.cwd();
const SIZES = (process.env.SIZES ?? '500x8000,1500x24000,4000x64000').split(',');
const SEED = Number(process.env.SEED ?? 42);
const INCREMENTAL = process.env.INCREMENTAL === '1';
const KEEP = process.env.KEEP === '1';
const MIN_SCORECARDS = Number(process.env.MIN_SCORECARDS ?? 20);
const MEMORY_LIMIT = process.env.MEMORY_LIMIT;
const APPLICATIONS_PER_CANDIDATE = 1.2;

interface Step {
  readonly command: string;
  readonly code: number;
  readonly wallSeconds: number;
  readonly buildSeconds: number | null;
  /** Seconds of node execution per layer (bronze, silver, gold); nodes overlap on 2 threads. */
  readonly layerSeconds: Readonly<Record<string, number>> | null;
  readonly peakRssMb: number | null;
  readonly summary: string;
}

interface SizeResult {
  readonly size: string;
  readonly employees: number;
  readonly candidates: number;
  readonly generatedSeconds: number;
  readonly groundTruth: Readonly<Record<string, number>>;
  readonly steps: readonly Step[];
  readonly scores: readonly DetectorScore[];
  readonly goldRows: Readonly<Record<string, number>>;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  buildCli();
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await runSize(size));
  mkdirSync(join(root, 'bench/work/models'), { recursive: true });
  writeFileSync(
    join(root, 'bench/work/models/results.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  log(markdown(results));
}

async function runSize(size: string): Promise<SizeResult> {
  const [workers, applications] = size.split('x').map(Number);
  const employees = workers ?? 600;
  const candidates = Math.round((applications ?? 3600) / APPLICATIONS_PER_CANDIDATE);
  const yesterday = yesterdayUtc();
  log(`## ${size}: starting the sandbox (${employees} employees, ${candidates} candidates)`);
  const started = Date.now();
  const clock = new SandboxClock(yesterday.getTime());
  const sandbox = await startSandbox({
    seed: SEED,
    employees,
    candidates,
    asOf: yesterday.toISOString(),
    clock,
    greenhouse: { rateLimit: { limit: 5000, windowSeconds: 30 } },
    workday: { throttle: false },
  });
  const generatedSeconds = (Date.now() - started) / 1000;
  log(`   generated in ${generatedSeconds.toFixed(1)} s`);
  const dir = mkdtempSync(join(tmpdir(), 'hrflow-bench-models-'));
  try {
    writeSandboxProject(dir, root, 2, MEMORY_LIMIT);
    const vars = (): string => sandboxVars(sandbox);
    const steps: Step[] = [];

    steps.push(await sync(dir, sandbox, clock));
    steps.push(await cli(dir, ['run', '--no-sync', '--vars', vars()]));
    keepCopy(dir, 'built', vars());
    keepResults(dir, 'full');
    steps.push(await cli(dir, ['test', '--vars', vars()]));
    const scores = scoreDetectors(await detectorRows(dir), sandbox.groundTruth(), {
      minScorecardsPerInterviewer: MIN_SCORECARDS,
    });
    const goldRows = await tableSizes(dir);
    if (INCREMENTAL) {
      const advanced = await sandbox.advance(1);
      clock.moveTo(sandbox.now().getTime());
      log(`   advanced one day: ${JSON.stringify(advanced.changes)}`);
      steps.push(await sync(dir, sandbox, clock));
      keepCopy(dir, 'synced-again', vars());
      steps.push(await cli(dir, ['run', '--no-sync', '--vars', vars()]));
      keepResults(dir, 'incremental');
      steps.push(await cli(dir, ['test', '--vars', vars()]));
      steps.push(await cli(dir, ['run', '--no-sync', '--full-refresh', '--vars', vars()]));
    }
    const truth = sandbox.groundTruth().summary;
    return {
      size,
      employees,
      candidates,
      generatedSeconds,
      groundTruth: truth,
      steps,
      scores,
      goldRows,
    };
  } finally {
    await sandbox.close();
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
    else log(`   kept ${dir}`);
  }
}

/** Syncs every source into the project's warehouse in this process, on the sandbox's clock. */
async function sync(dir: string, sandbox: Sandbox, clock: Clock): Promise<Step> {
  const started = Date.now();
  const summary = await syncProjectFromSandbox(dir, sandbox, clock);
  const wallSeconds = (Date.now() - started) / 1000;
  const landed = summary.streams.reduce((n, r) => n + r.inserted, 0);
  const line = `${summary.streams.length - summary.failures} of ${summary.streams.length} streams, ${landed.toLocaleString('en')} rows landed`;
  log(`   sync: ${line} in ${wallSeconds.toFixed(1)} s, process peak ${peakRssMb()} MB`);
  for (const failed of summary.streams.filter((r) => r.error !== undefined)) {
    log(`   sync: ${failed.stream} failed: ${failed.error?.message ?? ''}`);
  }
  return {
    command: 'sync',
    code: summary.failures === 0 ? 0 : 1,
    wallSeconds,
    buildSeconds: null,
    layerSeconds: null,
    peakRssMb: peakRssMb(),
    summary: line,
  };
}

/**
 * With KEEP=1, copies the warehouse aside (`target/<label>.duckdb`) so that a step can be
 * repeated later from the same state, e.g. the incremental re-run from `synced-again`.
 */
function keepCopy(dir: string, label: string, vars: string): void {
  if (!KEEP) return;
  copyFileSync(join(dir, 'target/hr_prod.duckdb'), join(dir, `target/${label}.duckdb`));
  writeFileSync(join(dir, `target/${label}.vars.json`), `${vars}\n`);
}

/** With KEEP=1, keeps the last run's run_results.json as `target/run_results.<label>.json`. */
function keepResults(dir: string, label: string): void {
  if (!KEEP) return;
  copyFileSync(join(dir, 'target/run_results.json'), join(dir, `target/run_results.${label}.json`));
}

/** This process's peak resident memory (the sandbox and the sync). */
function peakRssMb(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return hwm ? Math.round(Number(hwm[1]) / 1024) : 0;
}

/**
 * Compiles the sources into dist/ (what `npx hrflow` runs), so that the CLI steps time the
 * built CLI of this very checkout rather than transpiling TypeScript on every start.
 */
function buildCli(): void {
  const started = Date.now();
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (tsc.status !== 0) throw new Error('tsc -p tsconfig.build.json failed');
  log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Runs the built CLI in a child process, sampling its peak resident memory. */
async function cli(dir: string, args: readonly string[]): Promise<Step> {
  const started = Date.now();
  const child = spawn(process.execPath, [join(root, 'bin/hrflow.js'), ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.resume();
  let peakKb: number | null = null;
  const sample = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peakKb = Math.max(peakKb ?? 0, Number(hwm[1]));
    } catch {
      // the process has exited between samples
    }
  }, 100);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  clearInterval(sample);
  const wallSeconds = (Date.now() - started) / 1000;
  const summary = stderr
    .split('\n')
    .filter((l) => /^Done\.|Done: /.test(l))
    .join(' / ');
  log(
    `   hrflow ${args[0]}: exit ${code} in ${wallSeconds.toFixed(1)} s, peak ${peakKb === null ? '?' : Math.round(peakKb / 1024)} MB; ${summary}`,
  );
  if (code !== 0) {
    mkdirSync(join(root, 'bench/work/models'), { recursive: true });
    writeFileSync(join(root, `bench/work/models/${args[0] ?? 'cli'}-${Date.now()}.log`), stderr);
    log(
      stderr
        .split('\n')
        .filter((l) => /FAIL|ERROR|rror/.test(l))
        .slice(0, 20)
        .join('\n'),
    );
  }
  return {
    command: args.includes('--full-refresh') ? 'run --full-refresh' : (args[0] ?? ''),
    code,
    wallSeconds,
    buildSeconds: args[0] === 'test' ? null : buildSeconds(dir),
    layerSeconds: args[0] === 'test' ? null : layerSeconds(dir),
    peakRssMb: peakKb === null ? null : Math.round(peakKb / 1024),
    summary,
  };
}

/** Seconds the engine spent on nodes, from the run's run_results.json. */
function buildSeconds(dir: string): number | null {
  const file = join(dir, 'target/run_results.json');
  if (!existsSync(file)) return null;
  const results = JSON.parse(readFileSync(file, 'utf8')) as { elapsed_time?: number };
  return typeof results.elapsed_time === 'number' ? results.elapsed_time : null;
}

/** Node execution seconds per model folder (models/bronze, models/silver, models/gold). */
function layerSeconds(dir: string): Record<string, number> | null {
  const resultsFile = join(dir, 'target/run_results.json');
  const manifestFile = join(dir, 'target/manifest.json');
  if (!existsSync(resultsFile) || !existsSync(manifestFile)) return null;
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    results: { unique_id: string; execution_time?: number }[];
  };
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    nodes: Record<string, { original_file_path?: string }>;
  };
  const out: Record<string, number> = {};
  for (const r of results.results) {
    const path = manifest.nodes[r.unique_id]?.original_file_path ?? '';
    const layer = /^models\/([^/]+)\//.exec(path)?.[1] ?? (path.split('/')[0] || 'other');
    out[layer] = Math.round(((out[layer] ?? 0) + (r.execution_time ?? 0)) * 10) / 10;
  }
  return out;
}

async function withWarehouse<T>(dir: string, fn: (w: Session) => Promise<T>): Promise<T> {
  const warehouse = await Warehouse.open({
    path: join(dir, 'target/hr_prod.duckdb'),
    catalog: 'hr_prod',
    readOnly: true,
  });
  try {
    return await warehouse.withSession(fn);
  } finally {
    await warehouse.close();
  }
}

function detectorRows(dir: string): Promise<DetectorRows> {
  return withWarehouse(dir, async (w) => {
    const entries = await Promise.all(
      Object.entries(DETECTOR_QUERIES).map(
        async ([key, sql]) => [key, await w.query(sql)] as const,
      ),
    );
    return Object.fromEntries(entries) as unknown as DetectorRows;
  });
}

function tableSizes(dir: string): Promise<Record<string, number>> {
  return withWarehouse(dir, async (w) => {
    const rows = await w.query<{ table_name: string; n: string }>(
      `select table_name, estimated_size::varchar as n from duckdb_tables()
       where schema_name = 'gold' and not table_name like 'int_%' order by table_name`,
    );
    return Object.fromEntries(rows.map((r) => [r.table_name, Number(r.n)]));
  });
}

function markdown(results: readonly SizeResult[]): string {
  const lines = [
    `Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}.`,
    '',
    '| size | step | exit | wall time | model build | node seconds by layer | peak RSS | summary |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    for (const s of r.steps) {
      lines.push(
        `| ${r.size} | ${s.command} | ${s.code} | ${s.wallSeconds.toFixed(1)} s | ${s.buildSeconds === null ? '—' : `${s.buildSeconds.toFixed(1)} s`} | ${
          s.layerSeconds
            ? Object.entries(s.layerSeconds)
                .map(([k, v]) => `${k} ${v} s`)
                .join(', ')
            : '—'
        } | ${s.peakRssMb ?? '?'} MB | ${s.summary} |`,
      );
    }
  }
  lines.push(
    '',
    '| size | detector | flagged | injected | true positives | precision | recall | note |',
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(0)} %`);
  for (const r of results) {
    for (const s of r.scores) {
      lines.push(
        `| ${r.size} | ${s.detector} | ${s.flagged} | ${s.injected} | ${s.truePositives} | ${pct(s.precision)} | ${pct(s.recall)} | ${s.note ?? ''} |`,
      );
    }
  }
  return lines.join('\n');
}

await main();
