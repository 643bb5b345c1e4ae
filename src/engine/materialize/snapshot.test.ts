import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotConfig } from './config.js';
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
  await wh.dropAll('workers_snapshot');
});

/** A source row: id, name, updated_at (a day of March 2024 at noon). */
type Worker = [number, string | null, number];

async function source(rows: readonly Worker[], extra = ''): Promise<void> {
  const values = rows.map(
    ([id, name, day]) =>
      `(${id}, ${name === null ? 'NULL::VARCHAR' : `'${name}'`}, TIMESTAMP '2024-03-${pad(day)} 12:00:00')`,
  );
  const body =
    rows.length === 0
      ? 'SELECT 1 AS id, NULL::VARCHAR AS name, NULL::TIMESTAMP AS updated_at WHERE false'
      : `SELECT * FROM (VALUES ${values.join(', ')}) AS t(id, name, updated_at)`;
  await wh.session.run(
    `CREATE OR REPLACE TABLE hr_prod.bronze.workers AS SELECT *${extra} FROM (${body})`,
  );
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** Snapshot time of run `day`: that day of March 2024 at 18:00. */
const at = (day: number): Date => new Date(`2024-03-${pad(day)}T18:00:00.000Z`);

const TIMESTAMP: SnapshotConfig = {
  strategy: 'timestamp',
  unique_key: 'id',
  updated_at: 'updated_at',
};

function snapshot(
  config: SnapshotConfig,
  day: number,
  sql = 'SELECT * FROM hr_prod.bronze.workers',
) {
  return materialize({
    ...base(wh.executor, 'workers_snapshot', { runStartedAt: at(day) }),
    kind: 'snapshot',
    sql,
    config,
  });
}

/** The history as `id name [from, to) deleted?` lines, ordered by key and start. */
async function history(meta = { from: 'dbt_valid_from', to: 'dbt_valid_to' }, deleted = false) {
  const rows = await wh.rows(
    `SELECT id, name, CAST("${meta.from}" AS VARCHAR) AS f, CAST("${meta.to}" AS VARCHAR) AS t
       ${deleted ? ', dbt_is_deleted AS d' : ''}
     FROM hr_prod.silver.workers_snapshot ORDER BY id, "${meta.from}"`,
  );
  return rows.map(
    (r) =>
      `${String(r.id)} ${String(r.name)} [${short(r.f)}, ${short(r.t)})` +
      (deleted ? ` ${String(r.d)}` : ''),
  );
}

/** `2024-03-02 12:00:00` as `02 12:00`. */
function short(value: unknown): string {
  if (typeof value !== 'string') return 'null';
  const text = value;
  return `${text.slice(8, 10)} ${text.slice(11, 16)}`;
}

describe('snapshot: timestamp strategy', () => {
  it('starts every row as a current version on the first run', async () => {
    await source([
      [1, 'Ann', 1],
      [2, 'Bo', 1],
    ]);
    const result = await snapshot(TIMESTAMP, 1);

    expect(result.status).toBe('SNAPSHOT 2 inserted 0 updated 0 deleted');
    expect(result.rowsAffected).toBe(2);
    expect(await history()).toEqual(['1 Ann [01 12:00, null)', '2 Bo [01 12:00, null)']);
    const [row] = await wh.rows(
      `SELECT dbt_scd_id, CAST(dbt_updated_at AS VARCHAR) AS u,
              md5(coalesce(CAST(1 AS VARCHAR), '') || '|' ||
                  coalesce(CAST(TIMESTAMP '2024-03-01 12:00:00' AS VARCHAR), '')) AS expected
       FROM hr_prod.silver.workers_snapshot WHERE id = 1`,
    );
    expect(row?.dbt_scd_id).toBe(row?.expected);
    expect(row?.u).toBe('2024-03-01 12:00:00');
    expect(await wh.relations('silver')).toEqual(['workers_snapshot (table)']);
  });

  it('closes a changed version at the new updated_at and adds new keys', async () => {
    await source([
      [1, 'Ann', 1],
      [2, 'Bo', 1],
    ]);
    await snapshot(TIMESTAMP, 1);
    await source([
      [1, 'Anne', 2],
      [2, 'Bo', 1],
      [3, 'Cy', 2],
    ]);
    const result = await snapshot(TIMESTAMP, 2);

    expect(result.status).toBe('SNAPSHOT 2 inserted 1 updated 0 deleted');
    expect(result.rowsAffected).toBe(3);
    expect(await history()).toEqual([
      '1 Ann [01 12:00, 02 12:00)',
      '1 Anne [02 12:00, null)',
      '2 Bo [01 12:00, null)',
      '3 Cy [02 12:00, null)',
    ]);
    expect(await wh.relations('silver')).toEqual(['workers_snapshot (table)']);
  });

  it('ignores a row whose updated_at did not move forward, even if its values changed', async () => {
    await source([[1, 'Ann', 2]]);
    await snapshot(TIMESTAMP, 2);
    await source([[1, 'Changed', 1]]);

    expect((await snapshot(TIMESTAMP, 3)).status).toBe('SNAPSHOT 0 inserted 0 updated 0 deleted');
    expect(await history()).toEqual(['1 Ann [02 12:00, null)']);
  });

  it('is idempotent: a second run over the same source changes nothing', async () => {
    await source([[1, 'Ann', 1]]);
    await snapshot(TIMESTAMP, 1);
    await snapshot(TIMESTAMP, 2);

    expect((await snapshot(TIMESTAMP, 3)).status).toBe('SNAPSHOT 0 inserted 0 updated 0 deleted');
    expect(await history()).toEqual(['1 Ann [01 12:00, null)']);
  });
});

describe('snapshot: check strategy', () => {
  const CHECK: SnapshotConfig = { strategy: 'check', unique_key: 'id', check_cols: ['name'] };

  it('dates versions at the snapshot time and treats NULL against a value as a change', async () => {
    await source([
      [1, 'Ann', 1],
      [2, null, 1],
    ]);
    await snapshot(CHECK, 1);
    await source([
      [1, null, 1],
      [2, null, 5],
    ]);
    const result = await snapshot(CHECK, 2);

    expect(result.status).toBe('SNAPSHOT 1 inserted 1 updated 0 deleted');
    expect(await history()).toEqual([
      '1 Ann [01 18:00, 02 18:00)',
      '1 null [02 18:00, null)',
      '2 null [01 18:00, null)',
    ]);
  });

  it('dates versions by updated_at when configured', async () => {
    const config: SnapshotConfig = { ...CHECK, updated_at: 'updated_at' };
    await source([[1, 'Ann', 1]]);
    await snapshot(config, 1);
    await source([[1, 'Anne', 2]]);
    await snapshot(config, 2);

    expect(await history()).toEqual(['1 Ann [01 12:00, 02 12:00)', '1 Anne [02 12:00, null)']);
  });

  it('starts a change at the snapshot time when updated_at did not move', async () => {
    const config: SnapshotConfig = { ...CHECK, updated_at: 'updated_at' };
    await source([[1, 'Ann', 1]]);
    await snapshot(config, 1);
    await source([[1, 'Anne', 1]]);
    await snapshot(config, 2);

    expect(await history()).toEqual(['1 Ann [01 12:00, 02 18:00)', '1 Anne [02 18:00, null)']);
  });

  it('with check_cols: all, versions every row once a new source column appears', async () => {
    const config: SnapshotConfig = { strategy: 'check', unique_key: 'id', check_cols: 'all' };
    await source([
      [1, 'Ann', 1],
      [2, 'Bo', 1],
    ]);
    await snapshot(config, 1);
    await source(
      [
        [1, 'Ann', 1],
        [2, 'Bo', 1],
      ],
      `, 'People' AS team`,
    );
    const result = await snapshot(config, 2);

    expect(result.status).toBe('SNAPSHOT 2 inserted 2 updated 0 deleted');
    expect(result.statements).toContain(
      'ALTER TABLE "hr_prod"."silver"."workers_snapshot" ADD COLUMN "team" VARCHAR',
    );
    expect(
      await wh.rows('SELECT id, team FROM hr_prod.silver.workers_snapshot ORDER BY id, team'),
    ).toEqual([
      { id: 1, team: 'People' },
      { id: 1, team: null },
      { id: 2, team: 'People' },
      { id: 2, team: null },
    ]);
  });
});

describe('snapshot: hard deletes, delete -> re-appear -> delete again', () => {
  async function deleteReappearDelete(config: SnapshotConfig, reappearDay: number) {
    await source([
      [1, 'Ann', 1],
      [2, 'Bo', 1],
    ]);
    await snapshot(config, 1);
    await source([[2, 'Bo', 1]]);
    const deleted = await snapshot(config, 2);
    await source([[2, 'Bo', 1]]);
    const again = await snapshot(config, 3);
    await source([
      [1, 'Ann', reappearDay],
      [2, 'Bo', 1],
    ]);
    const back = await snapshot(config, 4);
    await source([[2, 'Bo', 1]]);
    const deletedAgain = await snapshot(config, 5);
    return [deleted, again, back, deletedAgain].map((r) => r.status);
  }

  it('ignore: a vanished key stays current', async () => {
    const statuses = await deleteReappearDelete(TIMESTAMP, 1);

    expect(statuses).toEqual([
      'SNAPSHOT 0 inserted 0 updated 0 deleted',
      'SNAPSHOT 0 inserted 0 updated 0 deleted',
      'SNAPSHOT 0 inserted 0 updated 0 deleted',
      'SNAPSHOT 0 inserted 0 updated 0 deleted',
    ]);
    expect(await history()).toEqual(['1 Ann [01 12:00, null)', '2 Bo [01 12:00, null)']);
  });

  it('invalidate: closes at the snapshot time; an unchanged return starts at the snapshot time', async () => {
    const statuses = await deleteReappearDelete({ ...TIMESTAMP, hard_deletes: 'invalidate' }, 1);

    expect(statuses).toEqual([
      'SNAPSHOT 0 inserted 0 updated 1 deleted',
      'SNAPSHOT 0 inserted 0 updated 0 deleted',
      'SNAPSHOT 1 inserted 0 updated 0 deleted',
      'SNAPSHOT 0 inserted 0 updated 1 deleted',
    ]);
    expect(await history()).toEqual([
      '1 Ann [01 12:00, 02 18:00)',
      '1 Ann [04 18:00, 05 18:00)',
      '2 Bo [01 12:00, null)',
    ]);
  });

  it('invalidate: a return with a later updated_at starts at that updated_at', async () => {
    await deleteReappearDelete({ ...TIMESTAMP, hard_deletes: 'invalidate' }, 4);

    expect((await history())[1]).toBe('1 Ann [04 12:00, 05 18:00)');
  });

  it('the legacy invalidate_hard_deletes: true means invalidate', async () => {
    await deleteReappearDelete({ ...TIMESTAMP, invalidate_hard_deletes: true }, 1);

    expect(await history()).toHaveLength(3);
  });

  it('new_record: adds one deletion version per deletion, never a gap or a repeat', async () => {
    const statuses = await deleteReappearDelete({ ...TIMESTAMP, hard_deletes: 'new_record' }, 1);

    expect(statuses).toEqual([
      'SNAPSHOT 1 inserted 0 updated 1 deleted',
      'SNAPSHOT 0 inserted 0 updated 0 deleted',
      'SNAPSHOT 1 inserted 1 updated 0 deleted',
      'SNAPSHOT 1 inserted 0 updated 1 deleted',
    ]);
    expect(await history(undefined, true)).toEqual([
      '1 Ann [01 12:00, 02 18:00) False',
      '1 Ann [02 18:00, 04 18:00) True',
      '1 Ann [04 18:00, 05 18:00) False',
      '1 Ann [05 18:00, null) True',
      '2 Bo [01 12:00, null) False',
    ]);
  });

  it('new_record with the check strategy behaves the same', async () => {
    await deleteReappearDelete(
      { strategy: 'check', unique_key: 'id', check_cols: ['name'], hard_deletes: 'new_record' },
      1,
    );

    expect(await history(undefined, true)).toEqual([
      '1 Ann [01 18:00, 02 18:00) False',
      '1 Ann [02 18:00, 04 18:00) True',
      '1 Ann [04 18:00, 05 18:00) False',
      '1 Ann [05 18:00, null) True',
      '2 Bo [01 18:00, null) False',
    ]);
  });

  it('rejects hard_deletes together with invalidate_hard_deletes', async () => {
    await source([[1, 'Ann', 1]]);
    const error = await rejection(
      snapshot({ ...TIMESTAMP, hard_deletes: 'invalidate', invalidate_hard_deletes: true }, 1),
    );

    expect(error.code).toBe('config-invalid');
    expect(error.message).toBe(
      'workers_snapshot: hard_deletes and invalidate_hard_deletes cannot both be set',
    );
  });

  it('adds dbt_is_deleted when an existing snapshot switches to new_record', async () => {
    await source([[1, 'Ann', 1]]);
    await snapshot(TIMESTAMP, 1);
    await source([]);
    const result = await snapshot({ ...TIMESTAMP, hard_deletes: 'new_record' }, 2);

    expect(result.statements[2]).toBe(
      'ALTER TABLE "hr_prod"."silver"."workers_snapshot" ADD COLUMN "dbt_is_deleted" VARCHAR',
    );
    expect(await history(undefined, true)).toEqual([
      '1 Ann [01 12:00, 02 18:00) null',
      '1 Ann [02 18:00, null) True',
    ]);
  });
});

describe('snapshot: source checks', () => {
  it('refuses a key that is not unique, naming the snapshot, key and examples', async () => {
    await source([
      [1, 'Ann', 1],
      [1, 'Anne', 2],
      [2, 'Bo', 1],
    ]);
    const error = await rejection(snapshot(TIMESTAMP, 1));

    expect(error.code).toBe('snapshot-key-not-unique');
    expect(error.message).toBe(
      'workers_snapshot: unique_key id is not unique in the snapshot source: ' +
        '1 key occurs more than once, e.g. id=1 (2 rows)',
    );
    expect(error.location).toEqual({ node: 'model.hr.workers_snapshot' });
    expect(await wh.relations('silver')).toEqual([]);
  });

  it('with dedupe: latest keeps the row with the latest updated_at per key', async () => {
    await source([
      [1, 'Ann', 1],
      [1, 'Anne', 2],
    ]);
    await snapshot({ ...TIMESTAMP, dedupe: 'latest' }, 2);

    expect(await history()).toEqual(['1 Anne [02 12:00, null)']);
  });

  it('refuses NULL keys and NULL updated_at', async () => {
    await source([[1, 'Ann', 1]]);
    await wh.session.run('INSERT INTO hr_prod.bronze.workers VALUES (NULL, $$x$$, NULL)');
    const error = await rejection(snapshot(TIMESTAMP, 1));

    expect(error.code).toBe('snapshot-source-invalid');
    expect(error.message).toBe('workers_snapshot: 1 source rows have a NULL in unique_key (id)');

    await wh.session.run('UPDATE hr_prod.bronze.workers SET id = 5 WHERE id IS NULL');
    expect((await rejection(snapshot(TIMESTAMP, 1))).message).toBe(
      'workers_snapshot: 1 source rows have a NULL updated_at',
    );
  });

  it('names a key or column the query does not return', async () => {
    await source([[1, 'Ann', 1]]);
    const error = await rejection(snapshot({ ...TIMESTAMP, unique_key: ['id', 'org'] }, 1));

    expect(error.code).toBe('config-invalid');
    expect(error.message).toBe(
      'workers_snapshot: unique_key names org, which is not a column of the snapshot query ' +
        '(columns: id, name, updated_at)',
    );
  });

  it('refuses source columns named like the bookkeeping columns', async () => {
    await source([[1, 'Ann', 1]], ', 1 AS dbt_valid_to');
    const error = await rejection(snapshot(TIMESTAMP, 1));

    expect(error.code).toBe('config-invalid');
    expect(error.message).toBe(
      'workers_snapshot: the snapshot query returns dbt_valid_to, which the snapshot writes itself',
    );
  });
});

describe('snapshot: source shapes', () => {
  it('accepts a query that ends in a line comment', async () => {
    await source([[1, 'Ann', 1]]);
    await snapshot(TIMESTAMP, 1, 'SELECT * FROM hr_prod.bronze.workers -- all of them');
    await source([[1, 'Anne', 2]]);
    await snapshot(TIMESTAMP, 2, 'SELECT * FROM hr_prod.bronze.workers -- all of them');

    expect(await history()).toEqual(['1 Ann [01 12:00, 02 12:00)', '1 Anne [02 12:00, null)']);
  });

  it('keeps a TIMESTAMPTZ updated_at and writes deletion times in that type', async () => {
    const sql = `SELECT id, name, CAST(updated_at AS TIMESTAMPTZ) AS updated_at
                 FROM hr_prod.bronze.workers`;
    const config: SnapshotConfig = { ...TIMESTAMP, hard_deletes: 'new_record' };
    await source([[1, 'Ann', 1]]);
    await snapshot(config, 1, sql);
    await source([]);
    await snapshot(config, 2, sql);

    expect(await history(undefined, true)).toEqual([
      '1 Ann [01 12:00, 02 18:00) False',
      '1 Ann [02 18:00, null) True',
    ]);
    const columns = (await wh.executor.describe(base(wh.executor, 'workers_snapshot').relation))
      ?.columns;
    expect(columns?.find((c) => c.name === 'dbt_valid_to')?.type).toBe('TIMESTAMP WITH TIME ZONE');
  });
});

describe('snapshot: table shape', () => {
  it('renames the bookkeeping columns with snapshot_meta_column_names', async () => {
    const config: SnapshotConfig = {
      ...TIMESTAMP,
      hard_deletes: 'new_record',
      snapshot_meta_column_names: {
        dbt_valid_from: 'valid_from',
        dbt_valid_to: 'valid_to',
        dbt_scd_id: 'version_id',
        dbt_updated_at: 'changed_at',
        dbt_is_deleted: 'is_deleted',
      },
    };
    await source([[1, 'Ann', 1]]);
    await snapshot(config, 1);
    await source([[1, 'Anne', 2]]);
    await snapshot(config, 2);

    expect(
      (await wh.executor.describe(base(wh.executor, 'workers_snapshot').relation))?.columns,
    ).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'updated_at', type: 'TIMESTAMP' },
      { name: 'version_id', type: 'VARCHAR' },
      { name: 'changed_at', type: 'TIMESTAMP' },
      { name: 'valid_from', type: 'TIMESTAMP' },
      { name: 'valid_to', type: 'TIMESTAMP' },
      { name: 'is_deleted', type: 'VARCHAR' },
    ]);
    expect(await history({ from: 'valid_from', to: 'valid_to' })).toEqual([
      '1 Ann [01 12:00, 02 12:00)',
      '1 Anne [02 12:00, null)',
    ]);
  });

  it('writes dbt_valid_to_current for current versions and still reads NULL as current', async () => {
    const config: SnapshotConfig = { ...TIMESTAMP, dbt_valid_to_current: `'9999-12-31'` };
    await source([
      [1, 'Ann', 1],
      [2, 'Bo', 1],
    ]);
    await snapshot(config, 1);
    await wh.session.run(
      'UPDATE hr_prod.silver.workers_snapshot SET dbt_valid_to = NULL WHERE id = 2',
    );
    await source([
      [1, 'Anne', 2],
      [2, 'Bob', 2],
    ]);
    await snapshot(config, 2);

    expect(await history()).toEqual([
      '1 Ann [01 12:00, 02 12:00)',
      '1 Anne [02 12:00, 31 00:00)',
      '2 Bo [01 12:00, 02 12:00)',
      '2 Bob [02 12:00, 31 00:00)',
    ]);
  });

  it('refuses to snapshot into a view', async () => {
    await wh.session.run('CREATE VIEW hr_prod.silver.workers_snapshot AS SELECT 1 AS id');
    await source([[1, 'Ann', 1]]);
    const error = await rejection(snapshot(TIMESTAMP, 1));

    expect(error.code).toBe('config-invalid');
    expect(error.message).toBe(
      'workers_snapshot: silver.workers_snapshot is a view, not a snapshot table',
    );
  });

  it('refuses a table without the bookkeeping columns', async () => {
    await wh.session.run('CREATE TABLE hr_prod.silver.workers_snapshot AS SELECT 1 AS id');
    await source([[1, 'Ann', 1]]);
    const error = await rejection(snapshot(TIMESTAMP, 1));

    expect(error.code).toBe('schema-changed');
    expect(error.message).toBe(
      'workers_snapshot: the snapshot table lacks dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to',
    );
  });

  it('refuses to apply changes that would collide with recorded history, changing nothing', async () => {
    const config: SnapshotConfig = { strategy: 'check', unique_key: 'id', check_cols: ['name'] };
    await source([[1, 'Ann', 1]]);
    await snapshot(config, 3);
    await source([[1, 'Anne', 1]]);
    const error = await rejection(snapshot(config, 3));

    expect(error.code).toBe('snapshot-source-invalid');
    expect(error.message).toBe(
      'workers_snapshot: 2 staged changes touched 1 rows of the snapshot table; nothing was changed',
    );
    expect(await history()).toEqual(['1 Ann [03 18:00, null)']);
    expect(await wh.relations('silver')).toEqual(['workers_snapshot (table)']);
  });
});
