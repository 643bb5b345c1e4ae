/**
 * The suppression macro on generated breakdown tables: a throwaway project copies
 * macros/gold/suppress_small_groups.sql, seeds several hundred small tables (people spread over
 * groups and over the rows of one or two breakdowns), builds the macro over them once, and then
 * an exhaustive attacker tries to work out every hidden count from what the table shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hrflowConfig, tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';
import { disclosedCells } from './disclosure-check.js';
import type { BreakdownCell } from './disclosure-check.js';
import { REPOSITORY_ROOT, hrflow, queryWarehouse } from './project-runner.js';

const MIN_SIZE = 5;
const UNKNOWN = 'Unknown';

interface Person {
  readonly group: number;
  readonly rows: readonly number[];
}

interface TableCase {
  readonly id: number;
  readonly groups: readonly string[];
  /** Rows per breakdown block; a person sits in row `rows[b] % size` of block b. */
  readonly blockSizes: readonly number[];
  readonly people: readonly Person[];
}

const caseArbitrary = fc
  .record({
    groupCount: fc.integer({ min: 2, max: 4 }),
    withUnknown: fc.boolean(),
    weights: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 4, maxLength: 4 }),
    blockSizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 2 }),
    people: fc.array(
      fc.record({
        pick: fc.nat({ max: 999 }),
        rows: fc.array(fc.nat({ max: 11 }), { minLength: 2, maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 60, size: 'max' },
    ),
  })
  .map(({ groupCount, withUnknown, weights, blockSizes, people }) => {
    const names = Array.from({ length: groupCount }, (_, g) =>
      withUnknown && g === groupCount - 1 ? UNKNOWN : `g${g}`,
    );
    const used = weights.slice(0, groupCount);
    const sum = used.reduce((a, b) => a + b, 0);
    const pickGroup = (pick: number): number => {
      let acc = 0;
      for (let g = 0; g < used.length; g++) {
        acc += ((used[g] ?? 0) / sum) * 1000;
        if (pick < acc) return g;
      }
      return used.length - 1;
    };
    return {
      groups: names,
      blockSizes,
      people: people.map((p) => ({ group: pickGroup(p.pick), rows: p.rows })),
    };
  });

/** Tables written by hand for shapes the generator reaches rarely. */
const HAND_MADE: readonly Omit<TableCase, 'id'>[] = [
  // Everyone in one group: the total row has a single non-zero cell.
  {
    groups: ['g0', 'g1'],
    blockSizes: [3],
    people: [0, 0, 0, 1, 2, 2].map((r) => ({ group: 0, rows: [r, 0] })),
  },
  // One breakdown row per person in a single small group.
  {
    groups: ['g0', 'g1', 'g2'],
    blockSizes: [4, 4],
    people: [
      ...Array.from({ length: 12 }, (_, i) => ({ group: 0, rows: [i % 2, i % 3] })),
      { group: 1, rows: [2, 3] },
      { group: 2, rows: [3, 3] },
    ],
  },
  // Large groups everywhere: nothing to hide.
  {
    groups: ['g0', 'g1'],
    blockSizes: [2],
    people: Array.from({ length: 24 }, (_, i) => ({ group: i % 2, rows: [i % 4 < 2 ? 0 : 1, 0] })),
  },
  // A breakdown with one row equals the total row.
  {
    groups: ['g0', 'g1', UNKNOWN],
    blockSizes: [1],
    people: [
      ...Array.from({ length: 9 }, () => ({ group: 0, rows: [0, 0] })),
      { group: 1, rows: [0, 0] },
      { group: 2, rows: [0, 0] },
    ],
  },
];

const GENERATED = fc.sample(caseArbitrary, { seed: 20_260_601, numRuns: 400 });
const CASES: TableCase[] = [...HAND_MADE, ...GENERATED].map((c, id) => ({ ...c, id }));

/** True counts of every cell the macro should output for one case (zeros included). */
function expectedCells(table: TableCase): Omit<BreakdownCell, 'hidden'>[] {
  const present = new Set(table.people.map((p) => p.group));
  const groups = table.groups.filter((_, g) => present.has(g));
  const rowsOf = (block: number): string[] => {
    const size = table.blockSizes[block] ?? 1;
    const seen = new Set(table.people.map((p) => (p.rows[block] ?? 0) % size));
    return [...seen].sort((a, b) => a - b).map((r) => `r${r}`);
  };
  const count = (inRow: (p: Person) => boolean, g: string): number =>
    table.people.filter((p) => inRow(p) && table.groups[p.group] === g).length;

  const cells: Omit<BreakdownCell, 'hidden'>[] = groups.map((g) => ({
    block: 'company',
    row: 'all',
    group: g,
    count: count(() => true, g),
  }));
  table.blockSizes.forEach((size, b) => {
    for (const row of rowsOf(b)) {
      for (const g of groups) {
        cells.push({
          block: `b${b}`,
          row,
          group: g,
          count: count((p) => `r${(p.rows[b] ?? 0) % size}` === row, g),
        });
      }
    }
  });
  return cells;
}

function seedCsv(cases: readonly TableCase[]): string {
  const lines = ['case_id,block,row_key,grp,n'];
  for (const table of cases) {
    for (const cell of expectedCells(table)) {
      if (cell.count > 0) {
        lines.push(`${table.id},${cell.block},${cell.row},${cell.group},${cell.count}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

type OutputRow = {
  case_id: string;
  block: string;
  row_key: string;
  grp: string;
  n: string | null;
  row_total: string | null;
  is_suppressed: boolean;
};

let project: TempProject;
let output: Map<number, OutputRow[]>;

beforeAll(async () => {
  project = tempProject({
    'hrflow.config.yaml': hrflowConfig(`vars:\n  min_group_size: ${MIN_SIZE}\n`),
    'macros/gold/suppress_small_groups.sql': readFileSync(
      join(REPOSITORY_ROOT, 'macros/gold/suppress_small_groups.sql'),
      'utf8',
    ),
    'seeds/cells.csv': seedCsv(CASES),
    'models/suppressed.sql': `{{ config(materialized='table') }}
{{ suppress_small_groups(ref('cells'), 'n', partition_by=['case_id'], block_column='block',
   row_column='row_key', group_column='grp', total_block='company',
   exempt_groups=['${UNKNOWN}']) }}
`,
  });
  const built = await hrflow(project.root, ['build']);
  expect(built.stderr).toContain('Completed successfully');
  const rows = await queryWarehouse<OutputRow>(project.root, 'select * from main.suppressed');
  output = new Map();
  for (const row of rows) {
    const id = Number(row.case_id);
    const list = output.get(id) ?? [];
    list.push(row);
    output.set(id, list);
  }
});

afterAll(() => project?.remove());

/** The case's cells as published: true counts, hidden where the macro hid them. */
function published(table: TableCase): BreakdownCell[] {
  const rows = output.get(table.id) ?? [];
  return expectedCells(table).map((cell) => {
    const row = rows.find(
      (r) => r.block === cell.block && r.row_key === cell.row && r.grp === cell.group,
    );
    if (!row) throw new Error(`case ${table.id}: no output for ${JSON.stringify(cell)}`);
    return { ...cell, hidden: row.is_suppressed, rowTotalShown: row.row_total !== null };
  });
}

describe('suppress_small_groups', () => {
  it('outputs every cell of the filled-in grid, shown counts unchanged and row totals always shown', () => {
    for (const table of CASES) {
      const expected = expectedCells(table);
      const rows = output.get(table.id) ?? [];
      expect(rows.length, `case ${table.id}`).toBe(expected.length);
      for (const cell of expected) {
        const row = rows.find(
          (r) => r.block === cell.block && r.row_key === cell.row && r.grp === cell.group,
        );
        expect(row, `case ${table.id} ${cell.block}/${cell.row}/${cell.group}`).toBeDefined();
        if (!row) continue;
        expect(row.is_suppressed ? null : Number(row.n), `case ${table.id}`).toBe(
          row.is_suppressed ? null : cell.count,
        );
        expect(row.is_suppressed, `case ${table.id}`).toBe(row.n === null);
        const rowTotal = expected
          .filter((c) => c.block === cell.block && c.row === cell.row)
          .reduce((n, c) => n + c.count, 0);
        const groups = new Set(expected.map((c) => c.group)).size;
        expect(row.row_total === null ? null : Number(row.row_total), `case ${table.id}`).toBe(
          groups > 1 ? rowTotal : null,
        );
      }
    }
  });

  it('hides every count from 1 to min_group_size - 1 outside the exempt groups', () => {
    for (const table of CASES) {
      const exposed = published(table).filter(
        (c) => !c.hidden && c.count >= 1 && c.count < MIN_SIZE && c.group !== UNKNOWN,
      );
      expect(exposed, `case ${table.id}`).toEqual([]);
    }
  });

  it('hides nothing in a table of two or more groups without small groups', () => {
    for (const table of CASES) {
      const cells = published(table);
      if (new Set(cells.map((c) => c.group)).size < 2) continue;
      const small = cells.some((c) => c.count >= 1 && c.count < MIN_SIZE && c.group !== UNKNOWN);
      if (!small) {
        expect(
          cells.filter((c) => c.hidden),
          `case ${table.id}`,
        ).toEqual([]);
      }
    }
  });

  it('leaves no hidden count that the shown cells, row totals and block sums pin down', () => {
    const leaks = CASES.flatMap((table) =>
      disclosedCells(published(table), { totalBlock: 'company' }).map((cell) => ({
        case: table.id,
        cell,
      })),
    );
    expect(leaks).toEqual([]);
  });

  it('hides a total-row cell only to protect a small group of the total row, in nearly every table', () => {
    // The rectangle blocks of step 4 leave the total row alone; only a table hidden whole (the
    // last resort) hides a total row that has no small group.
    const eligible = CASES.filter((t) => {
      const total = published(t).filter((c) => c.block === 'company');
      return (
        total.length > 1 &&
        !total.some((c) => c.count >= 1 && c.count < MIN_SIZE && c.group !== UNKNOWN)
      );
    });
    const hiddenWhole = eligible.filter((t) =>
      published(t).some((c) => c.block === 'company' && c.hidden),
    );
    expect(eligible.length).toBeGreaterThan(40);
    expect(hiddenWhole.length / eligible.length).toBeLessThan(0.05);
  });
});
