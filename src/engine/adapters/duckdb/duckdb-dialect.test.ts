import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/warehouse.js';
import type { Session } from '../../../warehouse/warehouse.js';
import { relation } from '../../relation.js';
import { duckdbDialect as d } from './duckdb-dialect.js';
import { DuckDBExecutor } from './duckdb-executor.js';

let dir: string;
let wh: Warehouse;
let session: Session;
let executor: DuckDBExecutor;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrflow-dialect-'));
  wh = await Warehouse.open({ path: join(dir, 'w.duckdb'), catalog: 'hr_prod' });
  session = await wh.session();
  executor = new DuckDBExecutor(session);
  await session.run('CREATE SCHEMA hr_prod.silver');
});
afterAll(async () => {
  session.close();
  await wh.close();
  await rm(dir, { recursive: true, force: true });
});

describe('DuckDB dialect: materialization hooks', () => {
  it('writes an instant as a UTC timestamp literal with microseconds', async () => {
    const literal = d.timestampLiteral(new Date('2024-02-29T23:59:58.123Z'));

    expect(literal).toBe("TIMESTAMP '2024-02-29 23:59:58.123000'");
    expect(await session.query(`SELECT CAST(${literal} AS VARCHAR) AS t`)).toEqual([
      { t: '2024-02-29 23:59:58.123' },
    ]);
  });

  it('renames tables and views with the statement of their type', async () => {
    const from = relation('hr_prod', 'silver', 'a');
    const to = relation('hr_prod', 'silver', 'b');

    expect(d.renameRelation(from, to, 'table')).toBe(
      'ALTER TABLE "hr_prod"."silver"."a" RENAME TO "b"',
    );
    expect(d.renameRelation(from, to, 'view')).toBe(
      'ALTER VIEW "hr_prod"."silver"."a" RENAME TO "b"',
    );

    await session.run('CREATE VIEW hr_prod.silver.a AS SELECT 1 AS x');
    await session.run(d.renameRelation(from, to, 'view'));
    expect(await session.query('SELECT x FROM hr_prod.silver.b')).toEqual([{ x: 1 }]);
  });

  it('scans a CSV inferring types, with some types fixed', async () => {
    const path = join(dir, 'jobs.csv');
    await writeFile(path, 'job_id,title,opened\n1,"Analyst, HR",2024-01-02\n2,Recruiter,\n');
    const sql = d.readCsv({
      mode: 'infer',
      path,
      delimiter: ',',
      types: [{ name: 'job_id', type: 'VARCHAR' }],
    });

    expect(sql).toBe(
      `read_csv('${path}', header = true, delim = ',', quote = '"', escape = '"', ` +
        `comment = '', sample_size = -1, types = {'job_id': 'VARCHAR'})`,
    );
    expect(await executor.columnsOf(`SELECT * FROM ${sql}`)).toEqual([
      { name: 'job_id', type: 'VARCHAR' },
      { name: 'title', type: 'VARCHAR' },
      { name: 'opened', type: 'DATE' },
    ]);
  });

  it('scans a CSV strictly with exactly the given columns', async () => {
    const path = join(dir, 'teams.csv');
    await writeFile(path, 'team;size\nPeople;4\n');
    const sql = d.readCsv({
      mode: 'typed',
      path,
      delimiter: ';',
      columns: [
        { name: 'team', type: 'VARCHAR' },
        { name: 'size', type: 'INTEGER' },
      ],
    });

    expect(sql).toBe(
      `read_csv('${path}', auto_detect = false, header = true, delim = ';', quote = '"', ` +
        `escape = '"', comment = '', columns = {'team': 'VARCHAR', 'size': 'INTEGER'})`,
    );
    expect(await session.query(`SELECT * FROM ${sql}`)).toEqual([{ team: 'People', size: 4 }]);
  });
});

describe('DuckDB executor: columnsOf', () => {
  it('reads the columns of a query that ends in a line comment', async () => {
    expect(await executor.columnsOf('SELECT 1 AS id -- the key')).toEqual([
      { name: 'id', type: 'INTEGER' },
    ]);
  });
});

describe('DuckDB executor: execute', () => {
  it('reports how many rows a data-changing statement touched', async () => {
    await session.run('CREATE TABLE hr_prod.silver.counted (id INTEGER)');

    expect(
      await executor.execute('INSERT INTO hr_prod.silver.counted SELECT * FROM range(3)'),
    ).toEqual({ rowsAffected: 3 });
    expect(await executor.execute('DELETE FROM hr_prod.silver.counted WHERE id > 0')).toEqual({
      rowsAffected: 2,
    });
  });
});
