/**
 * hrflow builds the dbt project fixture through the CLI, twice (see dbt-project.test-support),
 * and every relation and every node's outcome must equal the checked-in expectations. Those
 * were produced by hrflow and found identical to what dbt-core with dbt-duckdb builds from the
 * same files (dbt-compat.e2e.test.ts repeats that comparison wherever dbt is installed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  FIXTURE_CATALOG,
  hrflow,
  PHASES,
  runOutcomes,
} from './dbt-project.test-support.js';
import { RUN_TIME, warehouseContents } from './warehouse-contents.test-support.js';
import type { RelationContents } from './warehouse-contents.test-support.js';

interface PhaseExpectation {
  readonly relations: Record<string, RelationContents>;
  readonly outcomes: Record<string, string>;
}

const EXPECTED = JSON.parse(
  readFileSync(new URL('./fixtures/dbt-project.expected.json', import.meta.url), 'utf8'),
) as Record<string, PhaseExpectation>;

describe('hrflow build of the dbt project fixture', () => {
  let copy: ReturnType<typeof copyFixture>;
  const seen: Record<string, { relations: Record<string, RelationContents>; stderr: string }> = {};

  beforeAll(async () => {
    copy = copyFixture('hrflow-dbt-project-');
    for (const phase of PHASES) {
      const run = await hrflow(copy.root, ['build', ...phase.args]);
      expect(run.code, run.stderr).toBe(0);
      seen[phase.name] = {
        relations: await warehouseContents(join(copy.root, 'warehouse.duckdb'), FIXTURE_CATALOG, [
          'hrflow',
        ]),
        stderr: run.stderr,
      };
      expect(runOutcomes(copy.root)).toEqual(EXPECTED[phase.name]?.outcomes);
    }
  }, 120_000);
  afterAll(() => copy.remove());

  for (const phase of PHASES) {
    it(`builds every relation with the expected rows, ${phase.name}`, () => {
      expect(seen[phase.name]?.relations).toEqual(EXPECTED[phase.name]?.relations);
    });
  }

  it('prints dbt-style totals, counting the warnings', () => {
    expect(seen[PHASES[0].name]?.stderr).toContain('Done. PASS=40 WARN=2 ERROR=0 SKIP=0 TOTAL=42');
  });

  it('merges a corrected event into the incremental model by its unique key', () => {
    const events = rowsOf(PHASES[1].name, 'main_marts.fct_worker_events');
    expect(events.filter((e) => e.event_id === 'E005')).toEqual([
      {
        event_id: 'E005',
        worker_id: 'W004',
        event_type: 'compensation_change',
        effective_date: '2024-03-01',
        recorded_at: '2024-04-20 11:00:00',
      },
    ]);
  });

  it('closes a rescinded worker and records a deletion version (hard_deletes: new_record)', () => {
    const history = rowsOf(PHASES[1].name, 'main_snapshots.worker_history').filter(
      (r) => r.worker_id === 'W009',
    );
    expect(history.map((r) => [r.dbt_valid_from, r.dbt_valid_to, r.dbt_is_deleted])).toEqual([
      ['2024-03-10 11:00:00', RUN_TIME, 'False'],
      [RUN_TIME, null, 'True'],
    ]);
  });

  it('runs hooks with the node context: is_incremental() prints as Python prints it', () => {
    const audit = rowsOf(PHASES[1].name, 'main.run_audit');
    expect(audit.filter((r) => r.event === 'incremental').map((r) => r.detail)).toEqual([
      'fct_worker_events: False',
      'fct_worker_events: True',
    ]);
    expect(audit.filter((r) => r.event === 'run_end')).toHaveLength(2);
  });

  function rowsOf(phase: string, relation: string): Record<string, unknown>[] {
    const rows = seen[phase]?.relations[relation]?.rows ?? [];
    return rows.map((row) => JSON.parse(row) as Record<string, unknown>);
  }
});
