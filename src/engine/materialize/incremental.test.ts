import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncrementalConfig } from './config.js';
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
  await wh.dropAll('fct_pay');
  await source([
    [1, 'E1', 100, '2024-01-01'],
    [2, 'E2', 200, '2024-01-01'],
  ]);
});

type PayRow = [number, string, number, string];

/** Replaces the source rows the model reads. */
async function source(rows: readonly PayRow[], extraColumns = ''): Promise<void> {
  const values = rows.map(
    ([id, worker, amount, day]) => `(${id}, '${worker}', ${amount}, DATE '${day}')`,
  );
  await wh.session.run(
    `CREATE OR REPLACE TABLE hr_prod.bronze.pay AS
     SELECT *${extraColumns} FROM (VALUES ${values.join(', ')}) AS t(pay_id, worker_id, amount, day)`,
  );
}

const SQL = 'SELECT * FROM hr_prod.bronze.pay';

const run = (config: IncrementalConfig, options: { sql?: string; fullRefresh?: boolean } = {}) =>
  materialize({
    ...base(wh.executor, 'fct_pay', { fullRefresh: options.fullRefresh }),
    kind: 'incremental',
    sql: options.sql ?? SQL,
    config,
  });

const table = () => wh.rows('SELECT * FROM hr_prod.silver.fct_pay ORDER BY pay_id, amount');

describe('incremental: when to rebuild', () => {
  it('builds a table on the first run', async () => {
    const result = await run({});

    expect(result.status).toBe('CREATE TABLE');
    expect(result.rowsAffected).toBe(2);
    expect(await wh.relations('silver')).toEqual(['fct_pay (table)']);
  });

  it('rebuilds under --full-refresh, unless the model pins full_refresh: false', async () => {
    await run({});
    await source([[3, 'E3', 300, '2024-01-02']]);

    expect((await run({ full_refresh: false }, { fullRefresh: true })).status).toBe('INSERT 1');
    expect(await table()).toHaveLength(3);
    expect((await run({}, { fullRefresh: true })).status).toBe('CREATE TABLE');
    expect(await table()).toHaveLength(1);
  });

  it('rebuilds when the model pins full_refresh: true', async () => {
    await run({});
    expect((await run({ full_refresh: true })).status).toBe('CREATE TABLE');
  });

  it('replaces a view standing in its place with a table', async () => {
    await wh.session.run('CREATE VIEW hr_prod.silver.fct_pay AS SELECT 1 AS pay_id');

    expect((await run({})).status).toBe('CREATE TABLE');
    expect(await wh.relations('silver')).toEqual(['fct_pay (table)']);
  });
});

describe('incremental: strategies', () => {
  it('appends by default without a key: new rows beside, insert, drop, one transaction', async () => {
    await run({});
    await source([[3, 'E3', 300, '2024-01-02']]);
    const result = await run({});

    expect(result).toEqual({
      status: 'INSERT 1',
      rowsAffected: 1,
      statements: [
        `CREATE TABLE "hr_prod"."silver"."fct_pay__hrflow_tmp" AS (\n${SQL}\n)`,
        'INSERT INTO "hr_prod"."silver"."fct_pay" ("pay_id", "worker_id", "amount", "day")\n' +
          'SELECT "pay_id", "worker_id", "amount", "day"\n' +
          'FROM "hr_prod"."silver"."fct_pay__hrflow_tmp" AS DBT_INTERNAL_SOURCE',
        'DROP TABLE IF EXISTS "hr_prod"."silver"."fct_pay__hrflow_tmp"',
      ],
    });
    expect(await table()).toHaveLength(3);
    expect(await wh.relations('silver')).toEqual(['fct_pay (table)']);
  });

  it('uses delete+insert by default with a key', async () => {
    await run({ unique_key: 'pay_id' });
    await source([[2, 'E2', 250, '2024-01-01']]);
    const result = await run({ unique_key: 'pay_id' });

    expect(result.status).toBe('DELETE 1 INSERT 1');
    expect(result.rowsAffected).toBe(2);
    expect(await table()).toEqual([
      { pay_id: 1, worker_id: 'E1', amount: 100, day: '2024-01-01' },
      { pay_id: 2, worker_id: 'E2', amount: 250, day: '2024-01-01' },
    ]);
  });

  it('merges on the key after checking it is unique among the new rows', async () => {
    const config: IncrementalConfig = { incremental_strategy: 'merge', unique_key: 'pay_id' };
    await run(config);
    await source([
      [2, 'E2', 250, '2024-01-01'],
      [3, 'E3', 300, '2024-01-02'],
    ]);
    const result = await run(config);

    expect(result.status).toBe('MERGE 2');
    expect(result.statements[1]).toBe(
      'SELECT "pay_id", count(*) AS hrflow_rows, count(*) OVER () AS hrflow_keys\n' +
        'FROM "hr_prod"."silver"."fct_pay__hrflow_tmp"\n' +
        'WHERE "pay_id" IS NOT NULL\n' +
        'GROUP BY "pay_id"\n' +
        'HAVING count(*) > 1\n' +
        'ORDER BY hrflow_rows DESC, "pay_id"\n' +
        'LIMIT 5',
    );
    expect(await table()).toEqual([
      { pay_id: 1, worker_id: 'E1', amount: 100, day: '2024-01-01' },
      { pay_id: 2, worker_id: 'E2', amount: 250, day: '2024-01-01' },
      { pay_id: 3, worker_id: 'E3', amount: 300, day: '2024-01-02' },
    ]);
  });

  it('refuses a merge whose new rows repeat a key, changing nothing', async () => {
    const config: IncrementalConfig = { incremental_strategy: 'merge', unique_key: 'pay_id' };
    await run(config);
    await source([
      [2, 'E2', 250, '2024-01-01'],
      [2, 'E2', 260, '2024-01-01'],
    ]);
    const error = await rejection(run(config));

    expect(error.code).toBe('merge-key-not-unique');
    expect(error.message).toBe(
      'fct_pay: unique_key pay_id is not unique in the new rows: 1 key occurs more than once, ' +
        'e.g. pay_id=2 (2 rows)',
    );
    expect(await table()).toHaveLength(2);
    expect(await wh.relations('silver')).toEqual(['fct_pay (table)']);
  });

  it('with dedupe: latest keeps the row with the greatest dedupe_by per key', async () => {
    const config: IncrementalConfig = {
      incremental_strategy: 'merge',
      unique_key: 'pay_id',
      dedupe: 'latest',
      dedupe_by: 'amount',
    };
    await run(config);
    await source([
      [2, 'E2', 260, '2024-01-01'],
      [2, 'E2', 250, '2024-01-01'],
    ]);

    expect((await run(config)).status).toBe('MERGE 1');
    expect(await table()).toEqual([
      { pay_id: 1, worker_id: 'E1', amount: 100, day: '2024-01-01' },
      { pay_id: 2, worker_id: 'E2', amount: 260, day: '2024-01-01' },
    ]);
  });

  it('requires dedupe_by with dedupe: latest', async () => {
    const config: IncrementalConfig = {
      incremental_strategy: 'merge',
      unique_key: 'pay_id',
      dedupe: 'latest',
    };
    await run(config);
    const error = await rejection(run(config));

    expect(error.code).toBe('config-invalid');
    expect(error.message).toMatch(/dedupe: latest needs dedupe_by/);
    expect(await wh.relations('silver')).toEqual(['fct_pay (table)']);
  });

  it('updates only merge_update_columns, or all but merge_exclude_columns', async () => {
    await run({});
    await source([[1, 'X1', 111, '2024-02-01']]);
    await run({
      incremental_strategy: 'merge',
      unique_key: 'pay_id',
      merge_update_columns: ['amount'],
    });
    expect((await table())[0]).toEqual({
      pay_id: 1,
      worker_id: 'E1',
      amount: 111,
      day: '2024-01-01',
    });

    await source([[1, 'X1', 112, '2024-02-01']]);
    await run({
      incremental_strategy: 'merge',
      unique_key: 'pay_id',
      merge_exclude_columns: ['WORKER_ID'],
    });
    expect((await table())[0]).toEqual({
      pay_id: 1,
      worker_id: 'E1',
      amount: 112,
      day: '2024-02-01',
    });
  });

  it('rejects merge_update_columns together with merge_exclude_columns', async () => {
    await run({});
    const error = await rejection(
      run({
        incremental_strategy: 'merge',
        unique_key: 'pay_id',
        merge_update_columns: ['amount'],
        merge_exclude_columns: ['day'],
      }),
    );

    expect(error.code).toBe('config-invalid');
    expect(error.message).toBe(
      'fct_pay: merge_update_columns and merge_exclude_columns cannot both be set',
    );
  });

  it('names a unique_key that is not a column', async () => {
    await run({});
    const error = await rejection(run({ incremental_strategy: 'merge', unique_key: 'pay_key' }));

    expect(error.code).toBe('config-invalid');
    expect(error.message).toBe(
      'fct_pay: unique_key names pay_key, which is not a column written by the model ' +
        '(columns: pay_id, worker_id, amount, day)',
    );
    expect(await wh.relations('silver')).toEqual(['fct_pay (table)']);
  });

  it('overwrites the partitions present among the new rows', async () => {
    const config: IncrementalConfig = {
      incremental_strategy: 'insert_overwrite',
      partition_by: 'day',
    };
    await run(config);
    await source([[9, 'E9', 900, '2024-01-01']]);

    expect((await run(config)).status).toBe('DELETE 2 INSERT 1');
    expect(await table()).toEqual([{ pay_id: 9, worker_id: 'E9', amount: 900, day: '2024-01-01' }]);
  });

  it('narrows the rows a strategy may touch with incremental_predicates', async () => {
    const config: IncrementalConfig = {
      incremental_strategy: 'merge',
      unique_key: 'pay_id',
      incremental_predicates: [`DBT_INTERNAL_DEST.day > DATE '2024-01-01'`],
    };
    await run(config);
    await source([[1, 'E1', 101, '2024-01-01']]);
    await run(config);

    expect(await table()).toEqual([
      { pay_id: 1, worker_id: 'E1', amount: 100, day: '2024-01-01' },
      { pay_id: 1, worker_id: 'E1', amount: 101, day: '2024-01-01' },
      { pay_id: 2, worker_id: 'E2', amount: 200, day: '2024-01-01' },
    ]);
  });

  it('leaves the table and no temporary table when the strategy fails', async () => {
    await run({});
    const error = await rejection(
      run({
        incremental_strategy: 'merge',
        unique_key: 'pay_id',
        incremental_predicates: ['DBT_INTERNAL_DEST.no_such_column = 1'],
      }),
    );

    expect(error.code).toBe('sql-error');
    expect(error.message).toMatch(/^fct_pay: apply merge failed: Binder Error/);
    expect(await table()).toHaveLength(2);
    expect(await wh.relations('silver')).toEqual(['fct_pay (table)']);
  });
});

describe('incremental: on_schema_change', () => {
  const widen = ', CAST(amount AS DOUBLE) AS amount_eur, worker_id AS team';

  beforeEach(async () => {
    await run({});
    await source([[3, 'E3', 300, '2024-01-02']], widen);
  });

  it('ignore: writes only the table columns', async () => {
    expect((await run({ on_schema_change: 'ignore' })).status).toBe('INSERT 1');
    expect(Object.keys((await table())[0] ?? {})).toEqual(['pay_id', 'worker_id', 'amount', 'day']);
  });

  it('ignore: fails clearly when the new rows lack a table column', async () => {
    const error = await rejection(
      run({}, { sql: 'SELECT pay_id, worker_id, day FROM hr_prod.bronze.pay' }),
    );

    expect(error.code).toBe('schema-changed');
    expect(error.message).toMatch(/^fct_pay: the new rows lack column amount that the table has/);
  });

  it('fail: names the added columns and changes nothing', async () => {
    const error = await rejection(run({ on_schema_change: 'fail' }));

    expect(error.code).toBe('schema-changed');
    expect(error.message).toBe(
      "fct_pay: the new rows no longer match the table's columns: " +
        'added amount_eur (DOUBLE), team (VARCHAR)',
    );
    expect(await table()).toHaveLength(2);
    expect(await wh.relations('silver')).toEqual(['fct_pay (table)']);
  });

  it('append_new_columns: adds the new columns, old rows get NULL', async () => {
    const result = await run({ on_schema_change: 'append_new_columns' });

    expect(result.statements.slice(1, 3)).toEqual([
      'ALTER TABLE "hr_prod"."silver"."fct_pay" ADD COLUMN "amount_eur" DOUBLE',
      'ALTER TABLE "hr_prod"."silver"."fct_pay" ADD COLUMN "team" VARCHAR',
    ]);
    expect(
      await wh.rows('SELECT pay_id, amount_eur, team FROM hr_prod.silver.fct_pay ORDER BY 1'),
    ).toEqual([
      { pay_id: 1, amount_eur: null, team: null },
      { pay_id: 2, amount_eur: null, team: null },
      { pay_id: 3, amount_eur: 300, team: 'E3' },
    ]);
  });

  it('append_new_columns: keeps columns the new rows dropped, NULL in new rows', async () => {
    await run(
      { on_schema_change: 'append_new_columns' },
      { sql: 'SELECT pay_id, worker_id, day FROM hr_prod.bronze.pay' },
    );

    expect(await wh.rows('SELECT pay_id, amount FROM hr_prod.silver.fct_pay ORDER BY 1')).toEqual([
      { pay_id: 1, amount: 100 },
      { pay_id: 2, amount: 200 },
      { pay_id: 3, amount: null },
    ]);
  });

  it('sync_all_columns: adds, drops and retypes columns to match the new rows', async () => {
    await run(
      { on_schema_change: 'sync_all_columns' },
      { sql: 'SELECT pay_id, CAST(amount AS VARCHAR) AS amount, team FROM hr_prod.bronze.pay' },
    );

    expect((await wh.executor.describe(base(wh.executor, 'fct_pay').relation))?.columns).toEqual([
      { name: 'pay_id', type: 'INTEGER' },
      { name: 'amount', type: 'VARCHAR' },
      { name: 'team', type: 'VARCHAR' },
    ]);
    expect(await wh.rows('SELECT * FROM hr_prod.silver.fct_pay ORDER BY 1')).toEqual([
      { pay_id: 1, amount: '100', team: null },
      { pay_id: 2, amount: '200', team: null },
      { pay_id: 3, amount: '300', team: 'E3' },
    ]);
  });

  it('rolls the added columns back when writing the rows fails', async () => {
    await rejection(
      run({
        on_schema_change: 'append_new_columns',
        incremental_strategy: 'merge',
        unique_key: 'pay_id',
        incremental_predicates: ['DBT_INTERNAL_DEST.no_such_column = 1'],
      }),
    );

    expect(Object.keys((await table())[0] ?? {})).toEqual(['pay_id', 'worker_id', 'amount', 'day']);
  });
});
