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
  await wh.dropAll('stg_workers');
});

const view = (sql: string) =>
  materialize({ ...base(wh.executor, 'stg_workers'), kind: 'view', sql, config: {} });

describe('view materialization', () => {
  it('creates or replaces the view in one statement', async () => {
    const result = await view('SELECT 1 AS worker_id');

    expect(result).toEqual({
      status: 'CREATE VIEW',
      statements: [
        'CREATE OR REPLACE VIEW "hr_prod"."silver"."stg_workers" AS (\nSELECT 1 AS worker_id\n)',
      ],
    });
    expect(await wh.relations('silver')).toEqual(['stg_workers (view)']);
  });

  it('replaces an existing view', async () => {
    await view('SELECT 1 AS worker_id');
    await view('SELECT 2 AS worker_id, 3 AS org_id');

    expect(await wh.rows('SELECT * FROM hr_prod.silver.stg_workers')).toEqual([
      { worker_id: 2, org_id: 3 },
    ]);
  });

  it('keeps the previous view when the new one fails to bind', async () => {
    await view('SELECT 1 AS worker_id');
    const error = await rejection(view('SELECT worker_id FROM hr_prod.silver.no_such_table'));

    expect(error.code).toBe('sql-error');
    expect(error.message).toMatch(/^stg_workers: create or replace view failed: Catalog Error/);
    expect(await wh.rows('SELECT * FROM hr_prod.silver.stg_workers')).toEqual([{ worker_id: 1 }]);
  });

  it('replaces a table with a view by building it aside and swapping it in', async () => {
    await wh.session.run('CREATE TABLE hr_prod.silver.stg_workers AS SELECT 1 AS worker_id');
    const result = await view('SELECT 2 AS worker_id');

    expect(result.statements).toEqual([
      'CREATE OR REPLACE VIEW "hr_prod"."silver"."stg_workers__hrflow_tmp" AS (\nSELECT 2 AS worker_id\n)',
      'ALTER TABLE "hr_prod"."silver"."stg_workers" RENAME TO "stg_workers__hrflow_backup"',
      'ALTER VIEW "hr_prod"."silver"."stg_workers__hrflow_tmp" RENAME TO "stg_workers"',
      'DROP TABLE IF EXISTS "hr_prod"."silver"."stg_workers__hrflow_backup"',
    ]);
    expect(await wh.relations('silver')).toEqual(['stg_workers (view)']);
  });

  it('keeps the table when a view meant to replace it fails', async () => {
    await wh.session.run('CREATE TABLE hr_prod.silver.stg_workers AS SELECT 1 AS worker_id');
    await rejection(view('SELECT nope'));

    expect(await wh.relations('silver')).toEqual(['stg_workers (table)']);
  });

  it('clears a stale temporary relation before creating the view', async () => {
    await wh.session.run('CREATE TABLE hr_prod.silver.stg_workers__hrflow_tmp AS SELECT 1 AS x');
    await view('SELECT 1 AS worker_id');

    expect(await wh.relations('silver')).toEqual(['stg_workers (view)']);
  });
});
