/**
 * The reference lakehouse end to end at a small size: the sandbox is synced over HTTP, every
 * bronze, silver and snapshot node builds and every data test passes; headcount from the
 * bitemporal assignments equals the generator's; identity resolution meets its pair precision
 * and recall against the generator's people.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { generateCompany } from '../sandbox/company/generate.js';
import { groundTruth } from '../sandbox/company/ground-truth.js';
import { scoreLinks, truthPersons } from './identity-score.js';
import type { LinkRow } from './identity-score.js';
import { buildReferenceProject } from './reference-project.js';
import type { ReferenceBuild } from './reference-project.js';

// Pinned: the company is the same on every day the suite runs.
const SIZE = { seed: 42, employees: 50, candidates: 300, asOf: '2026-12-03' };

let build: ReferenceBuild;
beforeAll(async () => {
  build = await buildReferenceProject(SIZE);
}, 300_000);
afterAll(() => build.remove());

describe('reference lakehouse at 50 employees / 300 candidates', () => {
  it('builds every model, seed and snapshot and passes every data test', () => {
    expect(build.stderr).toMatch(/ERROR=0 SKIP=0/);
    expect(build.code).toBe(0);
  });

  it('counts the generator’s active employees and contingent workers on the last sync day', async () => {
    const truth = groundTruth(generateCompany(SIZE).company).summary;
    const rows = await build.query<{ worker_type: string; workers: number }>(`
      select worker_type, count(distinct worker_id)::int as workers
      from silver.worker_assignment
      where is_current_record and is_primary
        and effective_from <= (select max(cast(pulled_at as date)) from silver.worker)
        and (select max(cast(pulled_at as date)) from silver.worker) < effective_to
      group by worker_type order by worker_type`);
    expect(rows).toEqual([
      { worker_type: 'contingent', workers: truth.activeContingentWorkers },
      { worker_type: 'employee', workers: truth.activeEmployees },
    ]);
  });

  it('keeps exactly one primary assignment per worker and day in every recorded version', async () => {
    const overlaps = await build.query(`
      select a.worker_id
      from silver.worker_assignment as a
      join silver.worker_assignment as b
        on a.worker_id = b.worker_id and a.recorded_from = b.recorded_from
        and a.is_primary and b.is_primary and a.worker_assignment_key < b.worker_assignment_key
        and a.effective_from < b.effective_to and b.effective_from < a.effective_to`);
    expect(overlaps).toEqual([]);
  });

  it('resolves identities with pair precision ≥ 0.99 and recall ≥ 0.97', async () => {
    const links = await build.query<LinkRow & Record<string, unknown>>(
      'select source_entity, source_id, person_id from silver.person_source_link',
    );
    const score = scoreLinks(links, truthPersons(generateCompany(SIZE)));
    expect(score.truePairs).toBeGreaterThan(0);
    expect(score.precision).toBeGreaterThanOrEqual(0.99);
    expect(score.recall).toBeGreaterThanOrEqual(0.97);
  });

  it('tags every personal column of the person graph and the worker', async () => {
    const rows = await build.query<{ n: number }>(
      "select count(*)::int as n from silver.person_source_link where match_method = 'singleton' and match_probability is not null",
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('documents itself: the site generates and a gold rate traces back to the connector sources', async () => {
    let out = '';
    let err = '';
    const io = {
      stdout: (text: string) => (out += text),
      stderr: (text: string) => (err += text),
      isTTY: false,
      cwd: build.root,
      env: {},
    };
    expect(await main(['node', 'hrflow', 'docs', 'generate'], io), err).toBe(0);
    expect(existsSync(join(build.root, 'target/docs/index.html'))).toBe(true);

    const column = 'gold.turnover_monthly.voluntary_turnover_rate';
    expect(await main(['node', 'hrflow', 'docs', 'lineage', '--column', column], io), err).toBe(0);
    expect(out).toContain('source workday.');
    expect(out).not.toContain('current_date');
    expect(out).not.toContain('generate_series are not known');
  });

  it('reports every synced stream fresh and leaves out the streams that are off', async () => {
    let err = '';
    const code = await main(['node', 'hrflow', 'source', 'freshness'], {
      stdout: () => undefined,
      stderr: (text: string) => (err += text),
      isTTY: false,
      cwd: build.root,
      env: {},
    });
    expect(code, err).toBe(0);
    expect(err).toMatch(/PASS\s+greenhouse\.applications/);
    expect(err).toMatch(/PASS\s+workday\.workers /);
    expect(err).not.toContain('workers_soap');
  });
});
