import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { duckdbDialect as d } from '../adapters/duckdb/duckdb-dialect.js';
import type { StrategyInput, StrategyStatement } from './incremental-strategies.js';
import {
  appendSql,
  deleteInsertSql,
  insertOverwriteSql,
  mergeSql,
} from './incremental-strategies.js';
import type { TestWarehouse } from './warehouse.test-support.js';
import { openTestWarehouse, silver } from './warehouse.test-support.js';

const input: StrategyInput = {
  dialect: d,
  target: silver('fct_pay'),
  source: '"hr_prod"."silver"."fct_pay_new"',
  columns: ['worker_id', 'day', 'amount'],
  uniqueKey: ['worker_id', 'day'],
  predicates: [],
  updateColumns: ['worker_id', 'day', 'amount'],
  partitionBy: ['day'],
};

let wh: TestWarehouse;
beforeAll(async () => {
  wh = await openTestWarehouse({ inMemory: true });
});
afterAll(async () => {
  await wh.close();
});
beforeEach(async () => {
  await wh.session.run(`
    CREATE OR REPLACE TABLE hr_prod.silver.fct_pay AS
      SELECT * FROM (VALUES (1, 1, 10), (1, 2, 11), (2, 1, 20), (3, NULL, 30))
        AS t(worker_id, day, amount);
    CREATE OR REPLACE TABLE hr_prod.silver.fct_pay_new AS
      SELECT * FROM (VALUES (1, 2, 99), (4, 2, 40), (5, NULL, 50)) AS t(worker_id, day, amount);
  `);
});

async function apply(statements: readonly StrategyStatement[]): Promise<unknown[]> {
  for (const s of statements) await wh.executor.execute(s.sql);
  return wh.rows('SELECT * FROM hr_prod.silver.fct_pay ORDER BY worker_id, day NULLS FIRST');
}

const row = (worker_id: number, day: number | null, amount: number) => ({
  worker_id,
  day,
  amount,
});

describe('append', () => {
  it('inserts every new row', async () => {
    const statements = appendSql(input);

    expect(statements).toEqual([
      {
        verb: 'INSERT',
        sql:
          'INSERT INTO "hr_prod"."silver"."fct_pay" ("worker_id", "day", "amount")\n' +
          'SELECT "worker_id", "day", "amount"\n' +
          'FROM "hr_prod"."silver"."fct_pay_new" AS DBT_INTERNAL_SOURCE',
      },
    ]);
    expect(await apply(statements)).toHaveLength(7);
  });
});

describe('merge', () => {
  it('updates rows whose composite key matches and inserts the rest', async () => {
    const statements = mergeSql(input);

    expect(statements).toEqual([
      {
        verb: 'MERGE',
        sql:
          'MERGE INTO "hr_prod"."silver"."fct_pay" AS DBT_INTERNAL_DEST\n' +
          'USING "hr_prod"."silver"."fct_pay_new" AS DBT_INTERNAL_SOURCE\n' +
          'ON (DBT_INTERNAL_SOURCE."worker_id" = DBT_INTERNAL_DEST."worker_id") AND ' +
          '(DBT_INTERNAL_SOURCE."day" = DBT_INTERNAL_DEST."day")\n' +
          'WHEN MATCHED THEN UPDATE SET "worker_id" = DBT_INTERNAL_SOURCE."worker_id", ' +
          '"day" = DBT_INTERNAL_SOURCE."day", "amount" = DBT_INTERNAL_SOURCE."amount"\n' +
          'WHEN NOT MATCHED THEN INSERT ("worker_id", "day", "amount")\n' +
          'VALUES (DBT_INTERNAL_SOURCE."worker_id", DBT_INTERNAL_SOURCE."day", ' +
          'DBT_INTERNAL_SOURCE."amount")',
      },
    ]);
    expect(await apply(statements)).toEqual([
      row(1, 1, 10),
      row(1, 2, 99),
      row(2, 1, 20),
      row(3, null, 30),
      row(4, 2, 40),
      row(5, null, 50),
    ]);
  });

  it('puts predicates first in the ON clause and updates only the chosen columns', () => {
    const [statement] = mergeSql({
      ...input,
      uniqueKey: ['worker_id'],
      predicates: ['DBT_INTERNAL_DEST.day >= 2'],
      updateColumns: ['amount'],
    });

    expect(statement?.sql.split('\n').slice(2, 4)).toEqual([
      'ON (DBT_INTERNAL_DEST.day >= 2) AND ' +
        '(DBT_INTERNAL_SOURCE."worker_id" = DBT_INTERNAL_DEST."worker_id")',
      'WHEN MATCHED THEN UPDATE SET "amount" = DBT_INTERNAL_SOURCE."amount"',
    ]);
  });

  it('without a key merges ON FALSE, which appends', async () => {
    const statements = mergeSql({ ...input, uniqueKey: [] });

    expect(statements[0]?.sql.split('\n')[2]).toBe('ON (FALSE)');
    expect(statements[0]?.sql).not.toContain('WHEN MATCHED');
    expect(await apply(statements)).toHaveLength(7);
  });
});

describe('delete+insert', () => {
  it('deletes rows whose key occurs among the new rows, then inserts them all', async () => {
    const statements = deleteInsertSql({ ...input, predicates: ['DBT_INTERNAL_DEST.amount < 50'] });

    expect(statements.map((s) => s.verb)).toEqual(['DELETE', 'INSERT']);
    expect(statements[0]?.sql).toBe(
      'DELETE FROM "hr_prod"."silver"."fct_pay" AS DBT_INTERNAL_DEST\n' +
        'WHERE (DBT_INTERNAL_DEST."worker_id", DBT_INTERNAL_DEST."day") IN (' +
        'SELECT DISTINCT DBT_INTERNAL_SOURCE."worker_id", DBT_INTERNAL_SOURCE."day" ' +
        'FROM "hr_prod"."silver"."fct_pay_new" AS DBT_INTERNAL_SOURCE)\n' +
        '  AND (DBT_INTERNAL_DEST.amount < 50)',
    );
    expect(await apply(statements)).toEqual([
      row(1, 1, 10),
      row(1, 2, 99),
      row(2, 1, 20),
      row(3, null, 30),
      row(4, 2, 40),
      row(5, null, 50),
    ]);
  });

  it('replaces every row of a key that is not unique, such as a day', async () => {
    const statements = deleteInsertSql({ ...input, uniqueKey: ['day'] });

    expect(await apply(statements)).toEqual([
      row(1, 1, 10),
      row(1, 2, 99),
      row(2, 1, 20),
      row(3, null, 30),
      row(4, 2, 40),
      row(5, null, 50),
    ]);
  });

  it('without a key only inserts', () => {
    expect(deleteInsertSql({ ...input, uniqueKey: [] }).map((s) => s.verb)).toEqual(['INSERT']);
  });
});

describe('insert_overwrite', () => {
  it('replaces the partitions present among the new rows, NULL being one of them', async () => {
    const statements = insertOverwriteSql(input);

    expect(statements[0]?.sql).toBe(
      'DELETE FROM "hr_prod"."silver"."fct_pay" AS DBT_INTERNAL_DEST\n' +
        'WHERE EXISTS (SELECT 1 FROM "hr_prod"."silver"."fct_pay_new" AS DBT_INTERNAL_SOURCE ' +
        'WHERE DBT_INTERNAL_SOURCE."day" IS NOT DISTINCT FROM DBT_INTERNAL_DEST."day")',
    );
    expect(await apply(statements)).toEqual([
      row(1, 1, 10),
      row(1, 2, 99),
      row(2, 1, 20),
      row(4, 2, 40),
      row(5, null, 50),
    ]);
  });

  it('with predicates only, replaces the rows they select', async () => {
    const statements = insertOverwriteSql({
      ...input,
      partitionBy: [],
      predicates: ['DBT_INTERNAL_DEST.worker_id = 1'],
    });

    expect(statements[0]?.sql).toBe(
      'DELETE FROM "hr_prod"."silver"."fct_pay" AS DBT_INTERNAL_DEST\n' +
        'WHERE (DBT_INTERNAL_DEST.worker_id = 1)',
    );
    expect(await apply(statements)).toEqual([
      row(1, 2, 99),
      row(2, 1, 20),
      row(3, null, 30),
      row(4, 2, 40),
      row(5, null, 50),
    ]);
  });

  it('with neither, replaces the whole table', async () => {
    const statements = insertOverwriteSql({ ...input, partitionBy: [] });

    expect(statements[0]?.sql).toBe(
      'DELETE FROM "hr_prod"."silver"."fct_pay" AS DBT_INTERNAL_DEST',
    );
    expect(await apply(statements)).toEqual([row(1, 2, 99), row(4, 2, 40), row(5, null, 50)]);
  });
});
