/**
 * The whole reference project against the sandbox, as `hrflow run` on a fresh clone does it but
 * with a smaller company: sync both simulators over HTTP into bronze, build bronze, silver and
 * gold, then run every data test. The gold tables are then checked against the sandbox's ground
 * truth where it states a number, and the detectors are scored against the injected anomalies.
 * Larger companies and precision and recall across sizes are in bench/models.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCompany } from '../../sandbox/company/generate.js';
import { groundTruth } from '../../sandbox/company/ground-truth.js';
import type { GroundTruth } from '../../sandbox/index.js';
import { DETECTOR_QUERIES, scoreDetectors } from './detector-scores.js';
import type { DetectorRows } from './detector-scores.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { REPOSITORY_ROOT, hrflow, queryWarehouse } from './project-runner.js';

const SEED = 7;
const EMPLOYEES = 150;
const CANDIDATES = 900;
const COPIED = ['sources', 'models', 'macros', 'seeds', 'snapshots', 'tests'];

let root: string;
let truth: GroundTruth;
let run: Awaited<ReturnType<typeof hrflow>>;
let test: Awaited<ReturnType<typeof hrflow>>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hrflow-gold-e2e-'));
  for (const path of COPIED) {
    if (existsSync(join(REPOSITORY_ROOT, path))) {
      cpSync(join(REPOSITORY_ROOT, path), join(root, path), { recursive: true });
    }
  }
  const config = readFileSync(join(REPOSITORY_ROOT, 'hrflow.config.yaml'), 'utf8')
    .replace(/seed: \d+/, `seed: ${SEED}`)
    .replace(/employees: \d+/, `employees: ${EMPLOYEES}`)
    .replace(/candidates: \d+/, `candidates: ${CANDIDATES}`);
  writeFileSync(join(root, 'hrflow.config.yaml'), config);

  // The dev target generates the company as of today (UTC midnight); so does this.
  truth = groundTruth(
    generateCompany({ seed: SEED, employees: EMPLOYEES, candidates: CANDIDATES }).company,
  );
  // Two nodes creating the same schema at once on a fresh warehouse can conflict in the engine
  // ("Catalog write-write conflict on create"); the schemas are made up front.
  const warehouse = await Warehouse.open({
    path: join(root, 'target/hr_prod.duckdb'),
    catalog: 'hr_prod',
  });
  await warehouse.withSession((s) =>
    s.run('CREATE SCHEMA IF NOT EXISTS silver; CREATE SCHEMA IF NOT EXISTS gold'),
  );
  await warehouse.close();
  run = await hrflow(root, ['run']);
  test = await hrflow(root, ['test']);
}, 600_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the reference project on a sandbox company', () => {
  it('syncs, builds every model and passes every data test', () => {
    expect(run.stderr).toMatch(/Done: (\d+) of \1 streams succeeded/);
    expect(run.code).toBe(0);
    expect(test.stderr).toMatch(/Done\. PASS=\d+ WARN=\d+ ERROR=0 SKIP=0/);
    expect(test.code).toBe(0);
  });

  it('counts today’s headcount as the ground truth counts active employees', async () => {
    const rows = await queryWarehouse<{ n: number }>(
      root,
      `select headcount_end::int as n from gold.headcount_monthly
       where dimension_type = 'company' order by period_month desc limit 1`,
    );
    expect(rows).toEqual([{ n: truth.summary.activeEmployees }]);
  });

  it('splits the company headcount exactly across every breakdown', async () => {
    const rows = await queryWarehouse<{ dimension_type: string; total: number; company: number }>(
      root,
      `select h.dimension_type, sum(h.headcount_end)::int as total, any_value(c.headcount_end)::int as company
       from gold.headcount_monthly as h
       join gold.headcount_monthly as c
         on c.period_month = h.period_month and c.dimension_type = 'company'
       group by h.dimension_type, h.period_month
       having sum(h.headcount_end) <> any_value(c.headcount_end)`,
    );
    expect(rows).toEqual([]);
  });

  it('scores the detectors against the injected anomalies', async () => {
    const entries = await Promise.all(
      Object.entries(DETECTOR_QUERIES).map(
        async ([key, sql]) => [key, await queryWarehouse(root, sql)] as const,
      ),
    );
    const scores = scoreDetectors(Object.fromEntries(entries) as unknown as DetectorRows, truth, {
      minScorecardsPerInterviewer: 20,
    });
    const byName = Object.fromEntries(scores.map((s) => [s.detector, s]));
    // Both EEO anomalies (the agency that never collects, the website outage) are found, and
    // nothing else is flagged.
    expect(byName.eeoc_completeness_anomalies).toMatchObject({ recall: 1, precision: 1 });
    // Identity resolution is silver's; the detector lists what it resolved. Most injected
    // duplicate pairs are found and most listed pairs are true.
    expect(byName.duplicate_identities?.recall).toBeGreaterThan(0.5);
    expect(byName.duplicate_identities?.precision).toBeGreaterThan(0.5);
  });
});
