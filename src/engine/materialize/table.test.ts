import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { materialize } from './materialize.js';
import type { TestWarehouse } from './warehouse.test-support.js';
import { base, openTestWarehouse, rejection } from './warehouse.test-support.js';

let wh: TestWarehouse;
beforeAll(async () => {
  wh = await openTestWarehouse();
});
afterAll(async () => {
  await wh.close();
});
beforeEach(async () => {
  await wh.dropAll('headcount');
});

const table = (sql: string) =>
  materialize({ ...base(wh.executor, 'headcount'), kind: 'table', sql, config: {} });

describe('table materialization', () => {
  it('builds a new table beside the target, takes its row count, and renames it in', async () => {
    const result = await table('SELECT 1 AS id UNION ALL SELECT 2');

    expect(result).toEqual({
      status: 'CREATE TABLE',
      rowsAffected: 2,
      statements: [
        'CREATE TABLE "hr_prod"."silver"."headcount__hrflow_tmp" AS (\nSELECT 1 AS id UNION ALL SELECT 2\n)',
        'ALTER TABLE "hr_prod"."silver"."headcount__hrflow_tmp" RENAME TO "headcount"',
      ],
    });
    expect(await wh.rows('SELECT id FROM hr_prod.silver.headcount ORDER BY id')).toEqual([
      { id: 1 },
      { id: 2 },
    ]);
    expect(await wh.relations('silver')).toEqual(['headcount (table)']);
  });

  it('replaces an existing table through a backup that it drops in the same transaction', async () => {
    await table('SELECT 1 AS id');
    const result = await table('SELECT 7 AS id, 8 AS extra');

    expect(result.statements.slice(1)).toEqual([
      'ALTER TABLE "hr_prod"."silver"."headcount" RENAME TO "headcount__hrflow_backup"',
      'ALTER TABLE "hr_prod"."silver"."headcount__hrflow_tmp" RENAME TO "headcount"',
      'DROP TABLE IF EXISTS "hr_prod"."silver"."headcount__hrflow_backup"',
    ]);
    expect(await wh.rows('SELECT * FROM hr_prod.silver.headcount')).toEqual([{ id: 7, extra: 8 }]);
    expect(await wh.relations('silver')).toEqual(['headcount (table)']);
  });

  it('replaces a view with a table', async () => {
    await wh.session.run('CREATE VIEW hr_prod.silver.headcount AS SELECT 1 AS id');
    const result = await table('SELECT 2 AS id');

    expect(result.statements).toContain(
      'ALTER VIEW "hr_prod"."silver"."headcount" RENAME TO "headcount__hrflow_backup"',
    );
    expect(await wh.relations('silver')).toEqual(['headcount (table)']);
    expect(await wh.rows('SELECT * FROM hr_prod.silver.headcount')).toEqual([{ id: 2 }]);
  });

  it('keeps the previous table when the model fails, and leaves no temporary table', async () => {
    await table('SELECT 1 AS id');
    const error = await rejection(table('SELECT missing_column FROM hr_prod.silver.headcount'));

    expect(error.code).toBe('sql-error');
    expect(error.message).toMatch(/^headcount: build temporary table failed: Binder Error/);
    expect(error.location).toEqual({ node: 'model.hr.headcount' });
    expect(error.details).toMatchObject({ step: 'build temporary table' });
    expect(await wh.rows('SELECT * FROM hr_prod.silver.headcount')).toEqual([{ id: 1 }]);
    expect(await wh.relations('silver')).toEqual(['headcount (table)']);
  });

  it('keeps the previous table when the model fails at run time, not at bind time', async () => {
    await table('SELECT 1 AS id');
    await rejection(table(`SELECT CAST('x' || range AS INTEGER) AS id FROM range(3)`));

    expect(await wh.rows('SELECT * FROM hr_prod.silver.headcount')).toEqual([{ id: 1 }]);
    expect(await wh.relations('silver')).toEqual(['headcount (table)']);
  });

  it('drops a stale temporary table or view left by a crashed run before building', async () => {
    await table('SELECT 1 AS id');
    await wh.session.run('CREATE VIEW hr_prod.silver.headcount__hrflow_tmp AS SELECT 99 AS id');
    await wh.session.run('CREATE TABLE hr_prod.silver.headcount__hrflow_backup AS SELECT 98 AS id');

    const result = await table('SELECT 2 AS id');

    expect(result.statements.slice(0, 2)).toEqual([
      'DROP VIEW IF EXISTS "hr_prod"."silver"."headcount__hrflow_tmp"',
      'DROP TABLE IF EXISTS "hr_prod"."silver"."headcount__hrflow_backup"',
    ]);
    expect(await wh.rows('SELECT * FROM hr_prod.silver.headcount')).toEqual([{ id: 2 }]);
    expect(await wh.relations('silver')).toEqual(['headcount (table)']);
  });

  it('restores the backup when a crash mid-swap left no target, then rebuilds', async () => {
    await wh.session.run('CREATE TABLE hr_prod.silver.headcount__hrflow_backup AS SELECT 5 AS id');
    await wh.session.run('CREATE TABLE hr_prod.silver.headcount__hrflow_tmp AS SELECT 6 AS id');

    const error = await rejection(table('SELECT nope'));
    expect(error.code).toBe('sql-error');
    expect(await wh.rows('SELECT * FROM hr_prod.silver.headcount')).toEqual([{ id: 5 }]);
    expect(await wh.relations('silver')).toEqual(['headcount (table)']);

    await table('SELECT 6 AS id');
    expect(await wh.rows('SELECT * FROM hr_prod.silver.headcount')).toEqual([{ id: 6 }]);
  });

  it('is idempotent: running the same model twice gives the same table', async () => {
    const sql = 'SELECT range AS id FROM range(5)';
    const first = await table(sql);
    const second = await table(sql);

    expect(second.rowsAffected).toBe(first.rowsAffected);
    expect(await wh.rows('SELECT count(*) AS n FROM hr_prod.silver.headcount')).toEqual([
      { n: '5' },
    ]);
  });
});
