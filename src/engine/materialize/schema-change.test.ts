import { describe, expect, it } from 'vitest';
import { HrflowError } from '../../core/errors.js';
import { duckdbDialect } from '../adapters/duckdb/duckdb-dialect.js';
import { relation } from '../relation.js';
import type { Column } from '../relation.js';
import type { OnSchemaChange } from './config.js';
import { diffSchemas, planSchemaChange } from './schema-change.js';

const target = relation('hr_prod', 'silver', 'fct_hires');
const node = { id: 'model.hr.fct_hires', name: 'fct_hires' };
const existing: Column[] = [
  { name: 'hire_id', type: 'BIGINT' },
  { name: 'salary', type: 'DECIMAL(10,2)' },
  { name: 'cost_center', type: 'VARCHAR' },
];
const source: Column[] = [
  { name: 'HIRE_ID', type: 'BIGINT' },
  { name: 'salary', type: 'DOUBLE' },
  { name: 'department', type: 'VARCHAR' },
];

const plan = (mode: OnSchemaChange, src: readonly Column[] = source) =>
  planSchemaChange({ dialect: duckdbDialect, node, mode, target, source: src, existing });

function thrown(fn: () => unknown): HrflowError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HrflowError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('diffSchemas', () => {
  it('matches names case-insensitively and reports added, removed and retyped columns', () => {
    expect(diffSchemas(source, existing)).toEqual({
      added: [{ name: 'department', type: 'VARCHAR' }],
      removed: [{ name: 'cost_center', type: 'VARCHAR' }],
      retyped: [{ name: 'salary', from: 'DECIMAL(10,2)', to: 'DOUBLE' }],
    });
  });

  it('finds nothing when only the case of a name or spacing of a type differs', () => {
    const same = existing.map((c) => ({ name: c.name.toUpperCase(), type: c.type.toLowerCase() }));
    expect(diffSchemas(same, existing)).toEqual({ added: [], removed: [], retyped: [] });
  });
});

describe('planSchemaChange', () => {
  it('ignore: writes the table columns and alters nothing', () => {
    const same = existing.map((c) => ({ ...c }));
    expect(plan('ignore', [...same, { name: 'extra', type: 'INTEGER' }])).toEqual({
      statements: [],
      columns: ['hire_id', 'salary', 'cost_center'],
    });
  });

  it('ignore: fails naming the table column the new rows lack', () => {
    const error = thrown(() => plan('ignore'));

    expect(error.code).toBe('schema-changed');
    expect(error.message).toBe(
      'fct_hires: the new rows lack column cost_center that the table has: ' +
        'added department (VARCHAR); removed cost_center (VARCHAR); ' +
        'retyped salary DECIMAL(10,2) -> DOUBLE',
    );
    expect(error.location).toEqual({ node: 'model.hr.fct_hires' });
  });

  it('fail: names added, removed and retyped columns', () => {
    const error = thrown(() => plan('fail'));

    expect(error.code).toBe('schema-changed');
    expect(error.message).toMatch(/^fct_hires: the new rows no longer match the table's columns/);
    expect(error.details).toEqual({
      added: ['department'],
      removed: ['cost_center'],
      retyped: [{ name: 'salary', from: 'DECIMAL(10,2)', to: 'DOUBLE' }],
    });
    expect(error.hint).toMatch(/append_new_columns or sync_all_columns/);
  });

  it('fail: passes when only a type spelling differs', () => {
    const same = existing.map((c) => ({ ...c, type: c.type.toLowerCase() }));
    expect(plan('fail', same).columns).toEqual(['hire_id', 'salary', 'cost_center']);
  });

  it('append_new_columns: adds new columns, keeps removed ones, leaves types alone', () => {
    expect(plan('append_new_columns')).toEqual({
      statements: ['ALTER TABLE "hr_prod"."silver"."fct_hires" ADD COLUMN "department" VARCHAR'],
      columns: ['HIRE_ID', 'salary', 'department'],
    });
  });

  it('sync_all_columns: adds, then drops, then retypes', () => {
    expect(plan('sync_all_columns')).toEqual({
      statements: [
        'ALTER TABLE "hr_prod"."silver"."fct_hires" ADD COLUMN "department" VARCHAR',
        'ALTER TABLE "hr_prod"."silver"."fct_hires" DROP COLUMN "cost_center"',
        'ALTER TABLE "hr_prod"."silver"."fct_hires" ALTER COLUMN "salary" TYPE DOUBLE',
      ],
      columns: ['HIRE_ID', 'salary', 'department'],
    });
  });
});
