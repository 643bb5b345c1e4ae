import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SeedConfig } from './config.js';
import { materialize } from './materialize.js';
import type { TestWarehouse } from './warehouse.test-support.js';
import { base, openTestWarehouse, rejection } from './warehouse.test-support.js';

let wh: TestWarehouse;
let path: string;
beforeAll(async () => {
  wh = await openTestWarehouse();
  path = join(wh.dir, 'departments.csv');
});
afterAll(async () => {
  await wh.close();
});
beforeEach(async () => {
  await wh.dropAll('departments');
});

async function seed(csv: string, config: SeedConfig = {}) {
  await writeFile(path, csv);
  return materialize({ ...base(wh.executor, 'departments'), kind: 'seed', csvPath: path, config });
}

const columns = async () =>
  (await wh.executor.describe(base(wh.executor, 'departments').relation))?.columns;
const rows = () => wh.rows('SELECT * FROM hr_prod.silver.departments ORDER BY 1');

describe('seed materialization', () => {
  it('loads the file with inferred types through the CSV reader and swaps it in', async () => {
    const result = await seed('dept_id,name,opened\n1,"People, Ops",2024-01-02\n2,Finance,\n');

    expect(result.status).toBe('INSERT 2');
    expect(result.rowsAffected).toBe(2);
    expect(result.statements[0]).toBe(
      `CREATE TABLE "hr_prod"."silver"."departments__hrflow_tmp" AS (\n` +
        `SELECT * FROM read_csv('${path}', auto_detect = false, header = true, delim = ',', ` +
        `quote = '"', escape = '"', comment = '', columns = ` +
        `{'dept_id': 'BIGINT', 'name': 'VARCHAR', 'opened': 'DATE'})\n)`,
    );
    expect(await rows()).toEqual([
      { dept_id: '1', name: 'People, Ops', opened: '2024-01-02' },
      { dept_id: '2', name: 'Finance', opened: null },
    ]);
  });

  it('keeps column_types as given, such as ids with leading zeros', async () => {
    await seed('dept_id,name\n007,People\n', { column_types: { DEPT_ID: 'VARCHAR' } });

    expect(await columns()).toEqual([
      { name: 'dept_id', type: 'VARCHAR' },
      { name: 'name', type: 'VARCHAR' },
    ]);
    expect(await rows()).toEqual([{ dept_id: '007', name: 'People' }]);
  });

  it('reads another delimiter and, with quote_columns, names that need quoting', async () => {
    await seed('dept id;head count\nPeople;4\n', { delimiter: ';', quote_columns: true });

    expect(await rows()).toEqual([{ 'dept id': 'People', 'head count': '4' }]);
  });

  it('loads a header-only file as an empty table of text columns', async () => {
    expect((await seed('dept_id,name\n')).status).toBe('INSERT 0');
    expect(await columns()).toEqual([
      { name: 'dept_id', type: 'VARCHAR' },
      { name: 'name', type: 'VARCHAR' },
    ]);
  });

  it('replaces the previous load', async () => {
    await seed('dept_id\n1\n2\n');
    await seed('dept_id,name\n3,Legal\n');

    expect(await rows()).toEqual([{ dept_id: '3', name: 'Legal' }]);
    expect(await wh.relations('silver')).toEqual(['departments (table)']);
  });
});

describe('seed materialization: malformed files', () => {
  beforeEach(async () => {
    await seed('dept_id,name\n1,People\n');
  });

  async function expectInvalid(csv: string, config: SeedConfig, line: number, message: string) {
    const error = await rejection(seed(csv, config));

    expect(error.code).toBe('seed-invalid');
    expect(error.message).toBe(`departments: ${message}`);
    expect(error.location).toEqual({ file: path, line, node: 'model.hr.departments' });
    expect(await rows()).toEqual([{ dept_id: '1', name: 'People' }]);
    expect(await wh.relations('silver')).toEqual(['departments (table)']);
  }

  it('names the line with too many fields', async () => {
    await expectInvalid(
      'dept_id,name\n1,People\n2,Finance,extra\n3,Legal\n',
      {},
      3,
      'expected 2 fields, found 3: 2,Finance,extra',
    );
  });

  it('names the line with too few fields', async () => {
    await expectInvalid('dept_id,name\n1,People\n2\n', {}, 3, 'expected 2 fields, found 1: 2');
  });

  it('names the line whose value does not fit a column type', async () => {
    await expectInvalid(
      'dept_id,name\n1,People\nx2,Finance\n',
      { column_types: { dept_id: 'INTEGER' } },
      3,
      `column dept_id: Could not convert string "x2" to 'INTEGER': x2,Finance`,
    );
  });

  it('names the line with an unterminated quote', async () => {
    const error = await rejection(seed('dept_id,name\n1,"People\n2,Finance\n', {}));

    expect(error.code).toBe('seed-invalid');
    expect(error.message).toMatch(/^departments: a quoted value is not terminated/);
    expect(error.location?.line).toBe(2);
  });

  it('refuses an empty file and a bad header at line 1', async () => {
    await expectInvalid('', {}, 1, 'the file is empty; a seed needs a header line');
    await expectInvalid('id,id\n1,2\n', {}, 1, 'columns 1 and 2 are both named id');
  });

  it('reports a missing file', async () => {
    const error = await rejection(
      materialize({
        ...base(wh.executor, 'departments'),
        kind: 'seed',
        csvPath: join(wh.dir, 'nope.csv'),
        config: {},
      }),
    );

    expect(error.code).toBe('seed-invalid');
    expect(error.message).toMatch(/^departments: cannot read the file: ENOENT/);
  });

  it('refuses a delimiter longer than one character', async () => {
    const error = await rejection(seed('a\n1\n', { delimiter: ';;' }));

    expect(error.code).toBe('config-invalid');
  });
});
