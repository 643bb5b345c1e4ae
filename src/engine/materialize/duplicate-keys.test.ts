import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbDialect as d } from '../adapters/duckdb/duckdb-dialect.js';
import type { DuplicateKeyRow } from './duplicate-keys.js';
import { dedupeQuery, duplicateKeyError, duplicateKeysQuery } from './duplicate-keys.js';
import type { TestWarehouse } from './warehouse.test-support.js';
import { openTestWarehouse } from './warehouse.test-support.js';

let wh: TestWarehouse;
beforeAll(async () => {
  wh = await openTestWarehouse({ inMemory: true });
  await wh.session.run(`
    CREATE TABLE hr_prod.bronze.changes AS SELECT * FROM (VALUES
      (1, 'a', 1, TIMESTAMP '2024-01-01'),
      (1, 'a', 2, TIMESTAMP '2024-01-03'),
      (1, 'a', 3, TIMESTAMP '2024-01-02'),
      (2, 'b', 4, TIMESTAMP '2024-01-01'),
      (2, 'b', 5, TIMESTAMP '2024-01-01'),
      (3, 'c', 6, TIMESTAMP '2024-01-01'),
      (NULL, 'd', 7, TIMESTAMP '2024-01-01'),
      (NULL, 'd', 8, TIMESTAMP '2024-01-01')
    ) AS t(org, code, seq, changed_at)`);
});
afterAll(async () => {
  await wh.close();
});

const FROM = 'hr_prod.bronze.changes';

describe('duplicateKeysQuery', () => {
  it('lists repeated keys, most repeated first, with how many keys repeat overall', async () => {
    const sql = duplicateKeysQuery(d, FROM, ['org', 'code']);

    expect(sql).toBe(
      [
        'SELECT "org", "code", count(*) AS hrflow_rows, count(*) OVER () AS hrflow_keys',
        'FROM hr_prod.bronze.changes',
        'WHERE "org" IS NOT NULL AND "code" IS NOT NULL',
        'GROUP BY "org", "code"',
        'HAVING count(*) > 1',
        'ORDER BY hrflow_rows DESC, "org", "code"',
        'LIMIT 5',
      ].join('\n'),
    );
    expect(await wh.rows(sql)).toEqual([
      { org: 1, code: 'a', hrflow_rows: '3', hrflow_keys: '2' },
      { org: 2, code: 'b', hrflow_rows: '2', hrflow_keys: '2' },
    ]);
  });
});

describe('dedupeQuery', () => {
  it('keeps the latest row per key, breaks ties by the other columns, passes NULL keys', async () => {
    const sql = dedupeQuery(d, FROM, ['org', 'code', 'seq', 'changed_at'], ['org'], 'changed_at');

    expect(sql).toBe(
      [
        'SELECT "org", "code", "seq", "changed_at"',
        'FROM (',
        '  SELECT *, row_number() OVER (PARTITION BY "org" ORDER BY "changed_at" DESC NULLS LAST, ' +
          '"org" DESC NULLS LAST, "code" DESC NULLS LAST, "seq" DESC NULLS LAST) ' +
          'AS __hrflow_row_number',
        '  FROM hr_prod.bronze.changes',
        ') AS hrflow_ranked',
        'WHERE __hrflow_row_number = 1 OR "org" IS NULL',
      ].join('\n'),
    );
    expect(await wh.rows(`${sql} ORDER BY seq`)).toEqual([
      { org: 1, code: 'a', seq: 2, changed_at: '2024-01-03 00:00:00' },
      { org: 2, code: 'b', seq: 5, changed_at: '2024-01-01 00:00:00' },
      { org: 3, code: 'c', seq: 6, changed_at: '2024-01-01 00:00:00' },
      { org: null, code: 'd', seq: 7, changed_at: '2024-01-01 00:00:00' },
      { org: null, code: 'd', seq: 8, changed_at: '2024-01-01 00:00:00' },
    ]);
  });
});

describe('duplicateKeyError', () => {
  it('names the key, the count of repeated keys and examples', async () => {
    const rows = await wh.rows(duplicateKeysQuery(d, FROM, ['org', 'code']));
    const error = duplicateKeyError({
      code: 'merge-key-not-unique',
      node: { id: 'model.hr.fct_orgs', name: 'fct_orgs' },
      where: 'the new rows',
      keys: ['org', 'code'],
      rows: rows as DuplicateKeyRow[],
    });

    expect(error.code).toBe('merge-key-not-unique');
    expect(error.message).toBe(
      'fct_orgs: unique_key (org, code) is not unique in the new rows: 2 keys occur more than ' +
        "once, e.g. (org=1, code='a') (3 rows), (org=2, code='b') (2 rows)",
    );
    expect(error.location).toEqual({ node: 'model.hr.fct_orgs' });
    expect(error.details).toEqual({
      uniqueKey: ['org', 'code'],
      duplicateKeys: 2,
      examples: [
        { key: { org: 1, code: 'a' }, rows: 3 },
        { key: { org: 2, code: 'b' }, rows: 2 },
      ],
    });
  });
});
