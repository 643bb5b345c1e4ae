import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbDialect as d } from '../adapters/duckdb/duckdb-dialect.js';
import type { Column } from '../relation.js';
import type { SnapshotConfig } from './config.js';
import type { SnapshotPlan } from './snapshot-plan.js';
import { planSnapshot } from './snapshot-plan.js';
import {
  changeCountsSql,
  firstSnapshotSql,
  snapshotMergeSql,
  sourceNullsSql,
  stagingSql,
} from './snapshot-sql.js';
import type { TestWarehouse } from './warehouse.test-support.js';
import { openTestWarehouse, silver } from './warehouse.test-support.js';

const SOURCE: Column[] = [
  { name: 'org', type: 'VARCHAR' },
  { name: 'job_id', type: 'INTEGER' },
  { name: 'title', type: 'VARCHAR' },
  { name: 'updated_at', type: 'TIMESTAMP' },
];
const NEW_RECORD: SnapshotConfig = {
  strategy: 'timestamp',
  unique_key: ['org', 'job_id'],
  updated_at: 'updated_at',
  hard_deletes: 'new_record',
};
const T = `TIMESTAMP '2024-03-01 06:00:00.000000'`;

function plan(config: SnapshotConfig, existing = false): SnapshotPlan {
  const columns = [...SOURCE];
  return planSnapshot({
    dialect: d,
    node: { id: 'snapshot.hr.jobs_snapshot', name: 'jobs_snapshot' },
    target: silver('jobs_snapshot'),
    sql: 'SELECT * FROM hr_prod.bronze.jobs',
    config,
    sourceColumns: columns,
    existing: existing
      ? {
          ...silver('jobs_snapshot'),
          type: 'table',
          columns: [
            ...columns,
            { name: 'dbt_scd_id', type: 'VARCHAR' },
            { name: 'dbt_updated_at', type: 'TIMESTAMP' },
            { name: 'dbt_valid_from', type: 'TIMESTAMP' },
            { name: 'dbt_valid_to', type: 'TIMESTAMP' },
          ],
        }
      : undefined,
    runStartedAt: new Date('2024-03-01T06:00:00Z'),
  });
}

const KEYS = (a: string, b: string) => `${a}."org" = ${b}."org" AND ${a}."job_id" = ${b}."job_id"`;
const COLS = (a: string) => `${a}."org", ${a}."job_id", ${a}."title", ${a}."updated_at"`;
const HASH = (a: string, start: string) =>
  `md5(coalesce(CAST(${a}."org" AS VARCHAR), '') || '|' || ` +
  `coalesce(CAST(${a}."job_id" AS VARCHAR), '') || '|' || coalesce(CAST(${start} AS VARCHAR), ''))`;

describe('firstSnapshotSql', () => {
  it('selects the source with a hashed version id and open validity', () => {
    expect(firstSnapshotSql(plan(NEW_RECORD).input)).toBe(
      [
        `SELECT ${COLS('snapshot_source')},`,
        `  ${HASH('snapshot_source', 'snapshot_source."updated_at"')} AS "dbt_scd_id",`,
        `  snapshot_source."updated_at" AS "dbt_updated_at",`,
        `  snapshot_source."updated_at" AS "dbt_valid_from",`,
        `  CAST(NULL AS TIMESTAMP) AS "dbt_valid_to",`,
        `  'False' AS "dbt_is_deleted"`,
        `FROM (`,
        `SELECT * FROM hr_prod.bronze.jobs`,
        `) AS snapshot_source`,
      ].join('\n'),
    );
  });

  it('dates check-strategy versions at the snapshot time, with dbt_valid_to_current', () => {
    const sql = firstSnapshotSql(
      plan({
        strategy: 'check',
        unique_key: 'job_id',
        check_cols: 'all',
        dbt_valid_to_current: `'9999-12-31'`,
      }).input,
    );

    expect(sql.split('\n').slice(1, 5)).toEqual([
      `  md5(coalesce(CAST(snapshot_source."job_id" AS VARCHAR), '') || '|' || ` +
        `coalesce(CAST(${T} AS VARCHAR), '')) AS "dbt_scd_id",`,
      `  ${T} AS "dbt_updated_at",`,
      `  ${T} AS "dbt_valid_from",`,
      `  CAST('9999-12-31' AS TIMESTAMP) AS "dbt_valid_to"`,
    ]);
  });
});

describe('stagingSql', () => {
  it('stages insertions, updates, deletes and deletion versions (new_record)', () => {
    const changed = `current_versions."dbt_valid_from" < source_versions."updated_at" OR current_versions."dbt_is_deleted" = 'True'`;
    const vanished = [
      `  FROM current_versions`,
      `  LEFT JOIN snapshot_source ON ${KEYS('current_versions', 'snapshot_source')}`,
      `  WHERE snapshot_source."org" IS NULL AND current_versions."dbt_is_deleted" IS DISTINCT FROM 'True'`,
    ];
    expect(stagingSql(plan(NEW_RECORD).input)).toBe(
      [
        `WITH snapshot_source AS (`,
        `SELECT * FROM hr_prod.bronze.jobs`,
        `),`,
        `current_versions AS (`,
        `  SELECT * FROM "hr_prod"."silver"."jobs_snapshot"`,
        `  WHERE "dbt_valid_to" IS NULL`,
        `),`,
        `key_history AS (`,
        `  SELECT "org", "job_id",`,
        `    max(CASE WHEN "dbt_valid_to" IS NULL THEN "dbt_valid_from" ELSE "dbt_valid_to" END) AS hrflow_last_change`,
        `  FROM "hr_prod"."silver"."jobs_snapshot"`,
        `  GROUP BY "org", "job_id"`,
        `),`,
        `source_versions AS (`,
        `  SELECT snapshot_source.*,`,
        `    snapshot_source."updated_at" AS "dbt_updated_at",`,
        `    CASE WHEN key_history.hrflow_last_change IS NULL OR snapshot_source."updated_at" > key_history.hrflow_last_change`,
        `      THEN snapshot_source."updated_at" ELSE ${T} END AS "dbt_valid_from"`,
        `  FROM snapshot_source`,
        `  LEFT JOIN key_history ON ${KEYS('snapshot_source', 'key_history')}`,
        `),`,
        `insertions AS (`,
        `  SELECT 'insert' AS dbt_change_type, ${COLS('source_versions')},`,
        `    ${HASH('source_versions', 'source_versions."dbt_valid_from"')} AS "dbt_scd_id",`,
        `    source_versions."dbt_updated_at",`,
        `    source_versions."dbt_valid_from",`,
        `    CAST(NULL AS TIMESTAMP) AS "dbt_valid_to",`,
        `    'False' AS "dbt_is_deleted"`,
        `  FROM source_versions`,
        `  LEFT JOIN current_versions ON ${KEYS('source_versions', 'current_versions')}`,
        `  WHERE current_versions."org" IS NULL OR ${changed}`,
        `),`,
        `updates AS (`,
        `  SELECT 'update' AS dbt_change_type, ${COLS('source_versions')},`,
        `    current_versions."dbt_scd_id",`,
        `    source_versions."dbt_updated_at",`,
        `    source_versions."dbt_valid_from",`,
        `    source_versions."dbt_valid_from" AS "dbt_valid_to",`,
        `    current_versions."dbt_is_deleted"`,
        `  FROM source_versions`,
        `  JOIN current_versions ON ${KEYS('source_versions', 'current_versions')}`,
        `  WHERE ${changed}`,
        `),`,
        `deletes AS (`,
        `  SELECT 'delete' AS dbt_change_type, ${COLS('current_versions')},`,
        `    current_versions."dbt_scd_id",`,
        `    ${T} AS "dbt_updated_at",`,
        `    ${T} AS "dbt_valid_from",`,
        `    ${T} AS "dbt_valid_to",`,
        `    current_versions."dbt_is_deleted"`,
        ...vanished,
        `),`,
        `deletion_records AS (`,
        `  SELECT 'insert' AS dbt_change_type, ${COLS('current_versions')},`,
        `    md5(coalesce(CAST(current_versions."dbt_scd_id" AS VARCHAR), '') || '|' || ` +
          `coalesce(CAST(${T} AS VARCHAR), '')) AS "dbt_scd_id",`,
        `    ${T} AS "dbt_updated_at",`,
        `    ${T} AS "dbt_valid_from",`,
        `    current_versions."dbt_valid_to",`,
        `    'True' AS "dbt_is_deleted"`,
        ...vanished,
        `)`,
        `SELECT * FROM insertions`,
        `UNION ALL`,
        `SELECT * FROM updates`,
        `UNION ALL`,
        `SELECT * FROM deletes`,
        `UNION ALL`,
        `SELECT * FROM deletion_records`,
      ].join('\n'),
    );
  });

  it('invalidate stages deletes without deletion versions or a deleted flag', () => {
    const sql = stagingSql(plan({ ...NEW_RECORD, hard_deletes: 'invalidate' }).input);

    expect(sql).toContain('deletes AS (');
    expect(sql).not.toContain('deletion_records');
    expect(sql).not.toContain('dbt_is_deleted');
    expect(sql).toContain(`  WHERE snapshot_source."org" IS NULL\n)`);
  });

  it('ignore stages no deletes at all', () => {
    const sql = stagingSql(plan({ ...NEW_RECORD, hard_deletes: 'ignore' }).input);

    expect(sql).not.toContain('deletes AS (');
    expect(sql.endsWith('SELECT * FROM insertions\nUNION ALL\nSELECT * FROM updates')).toBe(true);
  });

  it('with dbt_valid_to_current reads NULL or that value as current', () => {
    const sql = stagingSql(plan({ ...NEW_RECORD, dbt_valid_to_current: `'9999-12-31'` }).input);

    expect(sql).toContain(
      `  WHERE ("dbt_valid_to" IS NULL OR "dbt_valid_to" = CAST('9999-12-31' AS TIMESTAMP))`,
    );
  });

  it('check strategy compares the checked columns NULL-aware', () => {
    const sql = stagingSql(
      plan({ strategy: 'check', unique_key: 'job_id', check_cols: ['title', 'org'] }, true).input,
    );

    expect(sql).toContain(
      `  WHERE (current_versions."title" IS DISTINCT FROM source_versions."title" OR ` +
        `current_versions."org" IS DISTINCT FROM source_versions."org")\n)`,
    );
  });

  it('check strategy counts every row as changed when a checked column is new', () => {
    const planned = plan({ strategy: 'check', unique_key: 'job_id', check_cols: 'all' }, true);
    const withNew = planSnapshot({
      dialect: d,
      node: { id: 'snapshot.hr.jobs_snapshot', name: 'jobs_snapshot' },
      target: silver('jobs_snapshot'),
      sql: 'SELECT * FROM hr_prod.bronze.jobs',
      config: { strategy: 'check', unique_key: 'job_id', check_cols: 'all' },
      sourceColumns: [...SOURCE, { name: 'team', type: 'VARCHAR' }],
      existing: {
        ...silver('jobs_snapshot'),
        type: 'table',
        columns: [
          ...SOURCE,
          ...['dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to'].map((name) => ({
            name,
            type: name === 'dbt_scd_id' ? 'VARCHAR' : 'TIMESTAMP',
          })),
        ],
      },
      runStartedAt: new Date('2024-03-01T06:00:00Z'),
    });

    expect(stagingSql(planned.input)).not.toContain('WHERE TRUE');
    expect(stagingSql(withNew.input)).toContain('  WHERE TRUE\n)');
    expect(withNew.alters).toEqual([
      'ALTER TABLE "hr_prod"."silver"."jobs_snapshot" ADD COLUMN "team" VARCHAR',
    ]);
  });
});

describe('snapshotMergeSql', () => {
  it('closes current versions by scd id and inserts new versions', () => {
    expect(snapshotMergeSql(plan(NEW_RECORD).input, silver('jobs_snapshot__hrflow_tmp'))).toBe(
      [
        `MERGE INTO "hr_prod"."silver"."jobs_snapshot" AS DBT_INTERNAL_DEST`,
        `USING "hr_prod"."silver"."jobs_snapshot__hrflow_tmp" AS DBT_INTERNAL_SOURCE`,
        `ON DBT_INTERNAL_SOURCE."dbt_scd_id" = DBT_INTERNAL_DEST."dbt_scd_id"`,
        `WHEN MATCHED AND DBT_INTERNAL_DEST."dbt_valid_to" IS NULL AND DBT_INTERNAL_SOURCE.dbt_change_type IN ('update', 'delete')`,
        `  THEN UPDATE SET "dbt_valid_to" = DBT_INTERNAL_SOURCE."dbt_valid_to"`,
        `WHEN NOT MATCHED AND DBT_INTERNAL_SOURCE.dbt_change_type = 'insert'`,
        `  THEN INSERT ("org", "job_id", "title", "updated_at", "dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "dbt_is_deleted")`,
        `  VALUES (${COLS('DBT_INTERNAL_SOURCE')}, DBT_INTERNAL_SOURCE."dbt_scd_id", DBT_INTERNAL_SOURCE."dbt_updated_at", DBT_INTERNAL_SOURCE."dbt_valid_from", DBT_INTERNAL_SOURCE."dbt_valid_to", DBT_INTERNAL_SOURCE."dbt_is_deleted")`,
      ].join('\n'),
    );
  });
});

describe('source checks and counts', () => {
  it('counts NULL keys and NULL updated_at in one pass', () => {
    expect(sourceNullsSql(d, 'SELECT * FROM j', ['org', 'job_id'], 'updated_at')).toBe(
      [
        `SELECT count(*) FILTER (WHERE "org" IS NULL OR "job_id" IS NULL) AS hrflow_null_keys,`,
        `  count(*) FILTER (WHERE "updated_at" IS NULL) AS hrflow_null_updated_at`,
        `FROM (`,
        `SELECT * FROM j`,
        `) AS snapshot_source`,
      ].join('\n'),
    );
  });

  it('counts staged rows by change type', () => {
    expect(changeCountsSql(d, silver('s'))).toBe(
      `SELECT dbt_change_type, count(*) AS hrflow_rows FROM "hr_prod"."silver"."s" GROUP BY dbt_change_type`,
    );
  });
});

describe('the staged changes, executed', () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await openTestWarehouse({ inMemory: true });
  });
  afterAll(async () => {
    await wh.close();
  });

  it('stage exactly one change per affected key', async () => {
    const planned = plan(NEW_RECORD);
    await wh.session.run(`
      CREATE TABLE hr_prod.bronze.jobs AS SELECT * FROM (VALUES
        ('acme', 1, 'Analyst', TIMESTAMP '2024-02-01'),
        ('acme', 2, 'Lead', TIMESTAMP '2024-02-20'),
        ('beta', 1, 'Recruiter', TIMESTAMP '2024-02-01')
      ) AS t(org, job_id, title, updated_at)`);
    await wh.session.run(
      `CREATE TABLE hr_prod.silver.jobs_snapshot AS ${firstSnapshotSql(planned.input)}`,
    );
    await wh.session.run(`
      DELETE FROM hr_prod.bronze.jobs WHERE org = 'beta';
      UPDATE hr_prod.bronze.jobs SET title = 'Senior', updated_at = TIMESTAMP '2024-02-25'
        WHERE job_id = 2;
      INSERT INTO hr_prod.bronze.jobs VALUES ('beta', 7, 'Coordinator', TIMESTAMP '2024-02-26')`);

    const staged = await wh.rows(
      `SELECT dbt_change_type AS c, org, job_id, title, CAST(dbt_valid_from AS VARCHAR) AS f,
              CAST(dbt_valid_to AS VARCHAR) AS t, dbt_is_deleted AS d
       FROM (${stagingSql(planned.input)}) ORDER BY org, job_id, c`,
    );
    expect(staged).toEqual([
      {
        c: 'insert',
        org: 'acme',
        job_id: 2,
        title: 'Senior',
        f: '2024-02-25 00:00:00',
        t: null,
        d: 'False',
      },
      {
        c: 'update',
        org: 'acme',
        job_id: 2,
        title: 'Senior',
        f: '2024-02-25 00:00:00',
        t: '2024-02-25 00:00:00',
        d: 'False',
      },
      {
        c: 'delete',
        org: 'beta',
        job_id: 1,
        title: 'Recruiter',
        f: '2024-03-01 06:00:00',
        t: '2024-03-01 06:00:00',
        d: 'False',
      },
      {
        c: 'insert',
        org: 'beta',
        job_id: 1,
        title: 'Recruiter',
        f: '2024-03-01 06:00:00',
        t: null,
        d: 'True',
      },
      {
        c: 'insert',
        org: 'beta',
        job_id: 7,
        title: 'Coordinator',
        f: '2024-02-26 00:00:00',
        t: null,
        d: 'False',
      },
    ]);
  });
});
