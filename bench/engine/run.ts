/**
 * Engine benchmark (outside CI): `npm run bench:engine`. hrflow against dbt-core with
 * dbt-duckdb on the same machine, the same project files and the same DuckDB version.
 *
 * 1,000 models (bench/engine/generate-projects.ts): parse and compile (`dbt parse` then
 * `dbt compile`, against `hrflow compile`, each from a clean project), a full run on an empty
 * warehouse, then a re-run with nothing changed. 1,000,000 rows: a full run of models over the
 * source, the snapshot's first run, then its run after 1 % of the source rows changed. Each
 * step runs REPEATS times, the tools alternating which goes first; the table reports medians
 * of wall time, CPU time and peak memory, and the hrflow / dbt ratio.
 *
 * Both tools run as child processes: hrflow from its build (`node bin/hrflow.js`, rebuilt
 * first), dbt from the virtualenv bench/.venv, created here from bench/requirements-dbt.txt
 * when missing. Knobs: REPEATS (3), THREADS (4), SOURCE_ROWS (1000000), SKIP_MODELS,
 * SKIP_SNAPSHOT, NO_README (print the table without writing bench/README.md).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import {
  changeSql,
  SOURCE_ROWS,
  sourceSql,
  writeModelsProject,
  writeSnapshotProject,
} from './generate-projects.js';
import type { Measurement } from './measure.js';
import { measure, median } from './measure.js';

// npm runs scripts from the package root.
const root = process.cwd();
const REPEATS = Number(process.env.REPEATS ?? 3);
const THREADS = Number(process.env.THREADS ?? 4);
const ROWS = Number(process.env.SOURCE_ROWS ?? SOURCE_ROWS);
const work = join(root, 'bench/work/engine');
const venv = join(root, 'bench/.venv');
const dbtBin = join(venv, 'bin/dbt');

type Tool = 'hrflow' | 'dbt';
const TOOLS: readonly Tool[] = ['hrflow', 'dbt'];

/** Measurements per step and tool, in the order steps first ran. */
const results = new Map<string, Record<Tool, Measurement[]>>();
const checks: string[] = [];

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function record(step: string, tool: Tool, m: Measurement): void {
  const entry = results.get(step) ?? { hrflow: [], dbt: [] };
  entry[tool].push(m);
  results.set(step, entry);
  log(
    `  ${step.padEnd(36)} ${tool.padEnd(6)} ${m.wall.toFixed(2).padStart(7)} s wall ` +
      `${m.cpu.toFixed(2).padStart(7)} s cpu ${m.peakMiB.toFixed(0).padStart(5)} MiB ` +
      `(load ${m.load.toFixed(1)})`,
  );
}

/** Runs one tool's command in its project directory. */
function run(tool: Tool, dir: string, args: readonly string[]): Promise<Measurement> {
  if (tool === 'hrflow') {
    return measure({
      program: process.execPath,
      args: [join(root, 'bin/hrflow.js'), ...args, '--project-dir', dir],
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
  }
  return measure({
    program: dbtBin,
    args: [...args, '--project-dir', dir, '--profiles-dir', dir],
    cwd: dir,
    env: {
      ...process.env,
      DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
      DO_NOT_TRACK: '1',
      NO_COLOR: '1',
    },
  });
}

/** Several measured commands as one step (dbt parse then dbt compile): times add, memory peaks. */
async function runAll(
  tool: Tool,
  dir: string,
  commands: readonly string[][],
): Promise<Measurement> {
  const parts: Measurement[] = [];
  for (const args of commands) parts.push(await run(tool, dir, args));
  return {
    wall: parts.reduce((sum, p) => sum + p.wall, 0),
    cpu: parts.reduce((sum, p) => sum + p.cpu, 0),
    peakMiB: Math.max(...parts.map((p) => p.peakMiB)),
    load: parts[0]?.load ?? Number.NaN,
  };
}

/** The order tools run in for repetition `rep`: alternating, so neither always goes first. */
function order(rep: number): readonly Tool[] {
  return rep % 2 === 0 ? TOOLS : [...TOOLS].reverse();
}

async function modelsBenchmark(rep: number): Promise<void> {
  const dirs = {
    hrflow: join(work, 'models-hrflow'),
    dbt: join(work, 'models-dbt'),
  } satisfies Record<Tool, string>;
  for (const tool of TOOLS) writeModelsProject(dirs[tool], THREADS);

  for (const tool of order(rep)) {
    const m =
      tool === 'hrflow'
        ? await run(tool, dirs[tool], ['compile'])
        : await runAll(tool, dirs[tool], [['parse'], ['compile']]);
    record('parse + compile, 1,000 models', tool, m);
  }
  for (const tool of order(rep)) {
    record('full run, 1,000 models', tool, await run(tool, dirs[tool], ['run']));
  }
  for (const tool of order(rep)) {
    record('no-op re-run, 1,000 models', tool, await run(tool, dirs[tool], ['run']));
  }
  if (rep === 0) checks.push(await compareRelations(dirs, 'main_marts', 'mart_'));
}

async function snapshotBenchmark(rep: number): Promise<void> {
  const dirs = {
    hrflow: join(work, 'snapshot-hrflow'),
    dbt: join(work, 'snapshot-dbt'),
  } satisfies Record<Tool, string>;
  for (const tool of TOOLS) {
    writeSnapshotProject(dirs[tool], THREADS);
    await onWarehouse(dirs[tool], sourceSql(ROWS));
  }
  const rows = `${(ROWS / 1e6).toLocaleString('en')}M rows`;

  for (const tool of order(rep)) {
    record(`full run, ${rows}`, tool, await run(tool, dirs[tool], ['run']));
  }
  for (const tool of order(rep)) {
    record(`snapshot, first run, ${rows}`, tool, await run(tool, dirs[tool], ['snapshot']));
  }
  for (const tool of TOOLS) await onWarehouse(dirs[tool], changeSql());
  for (const tool of order(rep)) {
    record(`snapshot, 1 % changed, ${rows}`, tool, await run(tool, dirs[tool], ['snapshot']));
  }
  if (rep === 0) checks.push(await compareSnapshots(dirs));
}

/** Runs SQL on a project's warehouse (the source and its change, identical for both tools). */
async function onWarehouse(dir: string, sql: string): Promise<void> {
  const warehouse = await Warehouse.open({
    path: join(dir, 'warehouse.duckdb'),
    catalog: 'warehouse',
  });
  try {
    await warehouse.withSession((session) => session.run(sql));
  } finally {
    await warehouse.close();
  }
}

async function readWarehouse<T>(dir: string, sql: string): Promise<T[]> {
  const warehouse = await Warehouse.open({
    path: join(dir, 'warehouse.duckdb'),
    catalog: 'warehouse',
    readOnly: true,
  });
  try {
    return await warehouse.withSession((session) => session.query(sql) as Promise<T[]>);
  } finally {
    await warehouse.close();
  }
}

/** The two tools built the same marts: same tables, same rows (by an order-free hash). */
async function compareRelations(
  dirs: Record<Tool, string>,
  schema: string,
  prefix: string,
): Promise<string> {
  const digest = async (dir: string): Promise<string> => {
    const tables = await readWarehouse<{ name: string }>(
      dir,
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = '${schema}' AND table_name LIKE '${prefix}%' ORDER BY 1`,
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const [row] = await readWarehouse<{ h: string; n: string }>(
        dir,
        `SELECT count(*) AS n, bit_xor(hash(t)) AS h FROM ${schema}.${name} AS t`,
      );
      parts.push(`${name}:${row?.n}:${row?.h}`);
    }
    return parts.join(',');
  };
  const [ours, theirs] = [await digest(dirs.hrflow), await digest(dirs.dbt)];
  const count = ours.split(',').length;
  return ours === theirs
    ? `1,000 models: the ${count} marts match between the tools (row counts and row hashes)`
    : `1,000 models: the marts DIFFER between the tools`;
}

async function compareSnapshots(dirs: Record<Tool, string>): Promise<string> {
  const sql = `SELECT count(*) AS versions, count(dbt_valid_to) AS closed,
      bit_xor(hash(worker_id, salary_cents, updated_at, dbt_valid_from, dbt_valid_to)) AS h
    FROM main_snapshots.worker_history`;
  const [ours] = await readWarehouse<Record<string, string>>(dirs.hrflow, sql);
  const [theirs] = await readWarehouse<Record<string, string>>(dirs.dbt, sql);
  const same = JSON.stringify(ours) === JSON.stringify(theirs);
  return same
    ? `snapshot: ${ours?.versions} versions, ${ours?.closed} closed, identical in both tools`
    : `snapshot: DIFFERS (hrflow ${JSON.stringify(ours)}, dbt ${JSON.stringify(theirs)})`;
}

function ensureDbt(): void {
  const pins = readFileSync(join(root, 'bench/requirements-dbt.txt'), 'utf8');
  const installed = join(venv, 'requirements-dbt.txt');
  if (existsSync(dbtBin) && existsSync(installed) && readFileSync(installed, 'utf8') === pins) {
    return;
  }
  log('creating bench/.venv with dbt-core and dbt-duckdb …');
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(
    join(venv, 'bin/pip'),
    ['install', '--quiet', '--disable-pip-version-check', '-r', 'bench/requirements-dbt.txt'],
    { stdio: 'inherit', cwd: root },
  );
  writeFileSync(installed, pins);
}

function machine(): Record<string, string> {
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
  const pip = execFileSync(join(venv, 'bin/pip'), ['list', '--disable-pip-version-check'], {
    encoding: 'utf8',
  });
  const version = (name: string): string =>
    new RegExp(`^${name}\\s+(\\S+)`, 'm').exec(pip)?.[1] ?? '?';
  return {
    cores: String(cpus().length),
    cpu: cpuModel ?? cpus()[0]?.model ?? '?',
    ram: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    python: execFileSync(join(venv, 'bin/python'), ['--version'], { encoding: 'utf8' }).trim(),
    dbt: `dbt-core ${version('dbt-core')}, dbt-duckdb ${version('dbt-duckdb')}, duckdb ${version('duckdb')}`,
  };
}

function table(): string {
  const lines = [
    '| step | hrflow wall | dbt wall | ratio | hrflow CPU | dbt CPU | ratio | hrflow peak | dbt peak |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const s = (x: number): string => `${x.toFixed(2)} s`;
  const r = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
  for (const [step, m] of results) {
    const h = (k: keyof Measurement): number => median(m.hrflow.map((x) => x[k]));
    const d = (k: keyof Measurement): number => median(m.dbt.map((x) => x[k]));
    lines.push(
      `| ${step} | ${s(h('wall'))} | ${s(d('wall'))} | **${r(h('wall'), d('wall'))}** | ` +
        `${s(h('cpu'))} | ${s(d('cpu'))} | ${r(h('cpu'), d('cpu'))} | ` +
        `${h('peakMiB').toFixed(0)} MiB | ${d('peakMiB').toFixed(0)} MiB |`,
    );
  }
  return lines.join('\n');
}

function writeReadme(text: string): void {
  const path = join(root, 'bench/README.md');
  const readme = readFileSync(path, 'utf8');
  const start = '<!-- engine-results:start -->';
  const end = '<!-- engine-results:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) {
    log(`bench/README.md has no ${start} … ${end} markers; not written`);
    return;
  }
  writeFileSync(path, `${readme.slice(0, from + start.length)}\n${text}\n${readme.slice(to)}`);
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  ensureDbt();
  log('building hrflow …');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: root });
  const info = machine();
  log(JSON.stringify(info));

  for (let rep = 0; rep < REPEATS; rep++) {
    log(`repetition ${rep + 1} of ${REPEATS}`);
    if (!process.env.SKIP_MODELS) await modelsBenchmark(rep);
    if (!process.env.SKIP_SNAPSHOT) await snapshotBenchmark(rep);
  }

  const loads = [...results.values()].flatMap((m) => [...m.hrflow, ...m.dbt]).map((m) => m.load);
  const summary = [
    `Measured ${new Date().toISOString().slice(0, 10)}: ${info.cores} cores (\`nproc\`), ` +
      `${info.cpu}, ${info.ram} RAM, Node ${info.node}, ${info.python}, ${info.dbt}; ` +
      `threads ${THREADS} for both tools; medians of ${REPEATS} runs; 1-minute load average ` +
      `at the start of each run ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}.`,
    '',
    table(),
    '',
    ...checks.map((c) => `- ${c}`),
  ].join('\n');
  writeFileSync(
    join(work, 'results.json'),
    JSON.stringify({ info, checks, results: Object.fromEntries(results) }, null, 2),
  );
  log(`\n${summary}`);
  if (!process.env.NO_README) writeReadme(summary);
}

await main();
