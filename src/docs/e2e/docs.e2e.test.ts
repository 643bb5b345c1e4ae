/**
 * End to end: the fixture project built into a real DuckDB file, then `hrflow docs generate`,
 * `docs lineage` and `docs serve` through the CLI entry point. Column lineage is checked against
 * expectations written by hand for every construct the fixture uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { DOCS_FIXTURE, prepareWarehouse } from '../../testing/docs-fixture.js';
import { tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';
import { serveSite } from '../serve-site.js';
import { SITE_DATA_GLOBAL } from '../site-data.js';
import type { SiteData } from '../site-data.js';

let project: TempProject;
let site: SiteData;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'hrflow', ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    cwd: project.root,
    env: {},
  });
  return { code, stdout, stderr };
}

function readSiteData(dir: string): SiteData {
  const text = readFileSync(join(dir, 'data.js'), 'utf8');
  const prefix = `window.${SITE_DATA_GLOBAL} = `;
  expect(text.startsWith(prefix)).toBe(true);
  return JSON.parse(text.slice(prefix.length).trim().replace(/;$/, '')) as SiteData;
}

beforeAll(async () => {
  project = tempProject(DOCS_FIXTURE);
  await prepareWarehouse(project.root);
  const build = await cli('build');
  expect(build.stderr).toMatch(/WARN/);
  expect(build.code).toBe(0);
  expect((await cli('source', 'freshness')).code).toBe(0);
  const docs = await cli('docs', 'generate');
  expect(docs.stderr).toMatch(/wrote target\/docs\/index.html/);
  expect(docs.code).toBe(0);
  site = readSiteData(join(project.root, 'target/docs'));
});

afterAll(() => project.remove());

/** `column ← transform: node.column, …` for one model. */
function lineageOf(id: string): Record<string, string> {
  const record = site.lineage[`model.demo.${id}`] ?? site.lineage[`snapshot.demo.${id}`];
  const out: Record<string, string> = {};
  for (const c of record?.columns ?? []) {
    const refs = c.upstream.map((u) => `${u.node.split('.').slice(2).join('.')}.${u.column}`);
    out[c.name] = `${c.transform}: ${refs.join(', ')}${c.gaps.map((g) => ` ! ${g}`).join('')}`;
  }
  return out;
}

describe('hrflow docs generate', () => {
  it('writes a self-contained site: the page, its script, its styles and the data', () => {
    const dir = join(project.root, 'target/docs');
    for (const file of ['index.html', 'app.js', 'app.css', 'data.js']) {
      expect(existsSync(join(dir, file))).toBe(true);
    }
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/https?:\/\//);
    expect(readFileSync(join(dir, 'app.js'), 'utf8')).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('has a page for every source, seed, model, snapshot, test and exposure', () => {
    const kinds = new Set(site.nodes.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(['exposure', 'model', 'seed', 'snapshot', 'source', 'test']);
    const worker = site.nodes.find((n) => n.id === 'model.demo.worker');
    expect(worker?.columns.map((c) => [c.name, c.type])).toEqual([
      ['worker_id', 'INTEGER'],
      ['full_name', 'VARCHAR'],
      ['department', 'VARCHAR'],
      ['is_active', 'BOOLEAN'],
      ['hired_on', 'DATE'],
    ]);
    expect(worker?.columns.find((c) => c.name === 'full_name')?.pii).toBe('name');
    expect(worker?.rowCount).toBe(3);
    expect(worker?.layer).toBe('silver');
    expect(worker?.compiledCode).toContain('"hr_prod"."silver"."stg_workers"');
    const turnover = site.nodes.find((n) => n.id === 'model.demo.turnover');
    expect(turnover?.metric).toMatchObject({ label: 'Voluntary turnover rate', standard: 'SHRM' });
    const source = site.nodes.find((n) => n.id === 'source.demo.workday.workers');
    expect(source?.source?.freshness?.status).toBe('pass');
    expect(source?.columns.find((c) => c.name === 'gender')?.pii).toBe('eeo');
    const warned = site.nodes.filter((n) => n.kind === 'test' && n.lastRun?.status === 'warn');
    expect(warned.map((t) => t.test?.testName)).toEqual(['accepted_values']);
    expect(site.selectors.map((s) => s.name)).toEqual(['gold_layer']);
  });

  it('traces columns through CTEs, joins with aliases, select * and case', () => {
    expect(lineageOf('stg_workers')).toMatchObject({
      worker_id: 'identity: workday.workers.worker_id',
      email: 'identity: workday.workers.email',
    });
    expect(lineageOf('worker')).toEqual({
      worker_id: 'identity: stg_workers.worker_id',
      full_name: 'identity: stg_workers.full_name',
      department: 'identity: departments.department_name',
      is_active: 'expression: stg_workers.status',
      hired_on: 'identity: stg_workers.hired_on',
    });
    expect(lineageOf('terminations')).toEqual({
      worker_id: 'identity: workday.terminations.worker_id',
      terminated_on: 'identity: workday.terminations.terminated_on',
      termination_type: 'identity: workday.terminations.termination_type',
      is_voluntary: 'expression: workday.terminations.termination_type',
    });
  });

  it('traces unions, ephemeral models, aggregates and window functions', () => {
    expect(lineageOf('worker_events')).toEqual({
      worker_id: 'identity: terminations.worker_id, worker.worker_id',
      event_date: 'identity: terminations.terminated_on, worker.hired_on',
      event_type: 'identity: terminations.termination_type',
    });
    expect(lineageOf('active_workers')).toMatchObject({
      department: 'identity: worker.department',
      hired_on: 'identity: worker.hired_on',
    });
    expect(lineageOf('turnover')).toEqual({
      department: 'identity: active_workers.department',
      headcount: 'aggregate: ',
      voluntary_exits: 'aggregate: terminations.is_voluntary',
      voluntary_rate: 'aggregate: terminations.is_voluntary',
    });
    expect(lineageOf('tenure_rank')).toEqual({
      worker_id: 'identity: active_workers.worker_id',
      department: 'identity: active_workers.department',
      tenure_rank: 'window: active_workers.department, active_workers.hired_on',
    });
  });

  it('says which snapshot columns it cannot trace rather than guessing', () => {
    const snapshot = lineageOf('worker_snapshot');
    expect(snapshot.department).toBe('identity: worker.department');
    expect(snapshot.dbt_valid_from).toBe(
      'constant:  ! the snapshot adds this column to record history',
    );
    expect(site.lineage['snapshot.demo.worker_snapshot']?.status).toBe('partial');
  });
});

describe('hrflow docs lineage', () => {
  it('prints the upstream tree of a gold column down to the bronze source', async () => {
    const result = await cli('docs', 'lineage', '--column', 'gold.turnover.voluntary_rate');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'gold.turnover.voluntary_rate  (aggregated)',
        '└── silver.terminations.is_voluntary  (computed)',
        '    └── source workday.terminations.termination_type',
        '',
      ].join('\n'),
    );
  });

  it('walks through an ephemeral model and prints JSON with --json', async () => {
    const result = await cli('docs', 'lineage', '--column', 'tenure_rank.tenure_rank', '--json');
    expect(result.code).toBe(0);
    const tree = JSON.parse(result.stdout) as {
      transform: string;
      children: { node: string; column: string; children: { node: string; column: string }[] }[];
    };
    expect(tree.transform).toBe('window');
    expect(tree.children.map((c) => `${c.node}.${c.column}`)).toEqual([
      'model.demo.active_workers.department',
      'model.demo.active_workers.hired_on',
    ]);
    expect(tree.children[0]?.children.map((c) => `${c.node}.${c.column}`)).toEqual([
      'model.demo.worker.department',
    ]);
  });

  it('names the closest column when the one asked for does not exist', async () => {
    const result = await cli('docs', 'lineage', '--column', 'gold.turnover.voluntary_rat');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("has no column 'voluntary_rat'");
    expect(result.stderr).toContain('voluntary_rate');
  });
});

describe('hrflow docs serve', () => {
  it('serves the site on loopback and nothing outside its folder', async () => {
    const server = await serveSite(join(project.root, 'target/docs'), 0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const index = await fetch(server.url);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toContain('text/html');
      const data = await fetch(`${server.url}data.js`);
      expect((await data.text()).startsWith(`window.${SITE_DATA_GLOBAL}`)).toBe(true);
      const escape = await fetch(`${server.url}..%2F..%2Fhrflow.config.yaml`);
      expect(escape.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
