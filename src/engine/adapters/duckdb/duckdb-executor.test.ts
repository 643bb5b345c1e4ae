import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/warehouse.js';
import type { Session } from '../../../warehouse/warehouse.js';
import { relation } from '../../relation.js';
import { DuckDBExecutor } from './duckdb-executor.js';

let wh: Warehouse;
let session: Session;
let executor: DuckDBExecutor;
beforeAll(async () => {
  wh = await Warehouse.open({ path: ':memory:', catalog: 'hr_prod' });
  session = await wh.session();
  executor = new DuckDBExecutor(session);
  await session.run(`CREATE SCHEMA hr_prod.silver;
    CREATE TABLE hr_prod.silver.worker (id INTEGER, hired DECIMAL(12, 2));
    CREATE TABLE hr_prod.silver.gone AS SELECT 1 AS id;
    CREATE VIEW hr_prod.silver.active AS SELECT id FROM hr_prod.silver.worker;
    CREATE VIEW hr_prod.silver.broken AS SELECT id FROM hr_prod.silver.gone;
    DROP TABLE hr_prod.silver.gone;`);
});
afterAll(async () => {
  session.close();
  await wh.close();
});

describe('DuckDB executor: describing relations', () => {
  it('tells tables (with their columns) from views, and answers undefined for a missing one', async () => {
    const [worker, active, missing, noSchema] = await executor.describeMany([
      relation('hr_prod', 'silver', 'worker'),
      relation('hr_prod', 'silver', 'active'),
      relation('hr_prod', 'silver', 'nope'),
      relation('hr_prod', 'gold', 'worker'),
    ]);
    expect(worker).toEqual({
      catalog: 'hr_prod',
      schema: 'silver',
      identifier: 'worker',
      type: 'table',
      columns: [
        { name: 'id', type: 'INTEGER' },
        { name: 'hired', type: 'DECIMAL(12,2)' },
      ],
    });
    expect(active).toMatchObject({ type: 'view', columns: [] });
    expect(missing).toBeUndefined();
    expect(noSchema).toBeUndefined();
  });

  it('still finds a view whose table was dropped', async () => {
    expect(await executor.describe(relation('hr_prod', 'silver', 'broken'))).toMatchObject({
      type: 'view',
      columns: [],
    });
  });

  it('creates a schema once and leaves an existing one alone', async () => {
    await executor.ensureSchema('hr_prod', 'gold');
    await executor.ensureSchema('hr_prod', 'gold');
    expect(
      await session.query(
        "SELECT schema_name FROM duckdb_schemas() WHERE database_name = 'hr_prod' AND schema_name = 'gold'",
      ),
    ).toEqual([{ schema_name: 'gold' }]);
  });
});
