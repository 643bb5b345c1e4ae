/**
 * One contract for every materialization: whichever statement fails, the previous relation is
 * left exactly as it was, with no temporary relation beside it; and after a crash at any
 * statement the next run recovers and produces the intended result with nothing left over.
 * Each scenario first materializes version 1, then tries version 2 with a failure injected at
 * statement 1, 2, 3, ... until version 2 goes through.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Executor } from '../adapters/adapter.js';
import type { MaterializeRequest } from './materialize.js';
import { materialize } from './materialize.js';
import type { TestWarehouse } from './warehouse.test-support.js';
import {
  FaultyExecutor,
  RUN_STARTED_AT,
  base,
  openTestWarehouse,
} from './warehouse.test-support.js';

let wh: TestWarehouse;
beforeAll(async () => {
  wh = await openTestWarehouse();
});
afterAll(async () => {
  await wh.close();
});
beforeEach(async () => {
  await wh.dropAll('target');
});

interface Scenario {
  readonly name: string;
  /** Prepares the warehouse and materializes version 1. */
  setup(): Promise<void>;
  /** The version 2 request over a given executor. */
  next(executor: Executor): MaterializeRequest;
}

const SOURCE = 'SELECT * FROM hr_prod.bronze.people';
const LATER = new Date(RUN_STARTED_AT.getTime() + 86_400_000);

async function people(rows: string, extra = ''): Promise<void> {
  await wh.session.run(
    `CREATE OR REPLACE TABLE hr_prod.bronze.people AS
     SELECT *${extra} FROM (VALUES ${rows}) AS t(id, name, updated_at)`,
  );
}

const V1 = `(1, 'Ann', TIMESTAMP '2024-02-01'), (2, 'Bo', TIMESTAMP '2024-02-01')`;
const V2 = `(1, 'Anne', TIMESTAMP '2024-03-01 12:00'), (3, 'Cy', TIMESTAMP '2024-03-01 12:00')`;

/** Materializes with the warehouse's own executor. */
const once = async (request: (executor: Executor) => MaterializeRequest): Promise<void> => {
  await materialize(request(wh.executor));
};

function simple(kind: 'view' | 'table', before?: 'view' | 'table'): Scenario {
  return {
    name: `${kind}${before ? ` replacing a ${before}` : ''}`,
    async setup() {
      if (before) {
        await wh.session.run(
          `CREATE ${before === 'view' ? 'VIEW' : 'TABLE'} hr_prod.silver.target AS SELECT 1 AS x`,
        );
      } else {
        await once((executor) => ({
          ...base(executor, 'target'),
          kind,
          sql: 'SELECT 1 AS x',
          config: {},
        }));
      }
    },
    next: (executor) => ({
      ...base(executor, 'target'),
      kind,
      sql: 'SELECT 2 AS x, 3 AS y',
      config: {},
    }),
  };
}

function incremental(config: object, fullRefresh = false): Scenario {
  const request = (executor: Executor): MaterializeRequest => ({
    ...base(executor, 'target', { fullRefresh }),
    kind: 'incremental',
    sql: SOURCE,
    config,
  });
  return {
    name: `incremental ${JSON.stringify(config)}${fullRefresh ? ' --full-refresh' : ''}`,
    async setup() {
      await people(V1);
      await once((executor) => ({ ...request(executor), fullRefresh: false }));
      await people(V2, ', 1 AS extra');
    },
    next: (executor) => request(executor),
  };
}

function snapshot(config: object): Scenario {
  const request = (executor: Executor, at: Date): MaterializeRequest => ({
    ...base(executor, 'target', { runStartedAt: at }),
    kind: 'snapshot',
    sql: SOURCE,
    config: { strategy: 'timestamp', unique_key: 'id', updated_at: 'updated_at', ...config },
  });
  return {
    name: `snapshot ${JSON.stringify(config)}`,
    async setup() {
      await people(V1);
      await once((executor) => request(executor, RUN_STARTED_AT));
      await people(V2, `, 'x' AS team`);
    },
    next: (executor) => request(executor, LATER),
  };
}

const seed: Scenario = {
  name: 'seed',
  async setup() {
    await writeFile(join(wh.dir, 'v1.csv'), 'id,name\n1,Ann\n');
    await writeFile(join(wh.dir, 'v2.csv'), 'id,name,team\n1,Anne,x\n3,Cy,y\n');
    await once((executor) => ({
      ...base(executor, 'target'),
      kind: 'seed',
      csvPath: join(wh.dir, 'v1.csv'),
      config: {},
    }));
  },
  next: (executor) => ({
    ...base(executor, 'target'),
    kind: 'seed',
    csvPath: join(wh.dir, 'v2.csv'),
    config: {},
  }),
};

const SCENARIOS: readonly Scenario[] = [
  simple('view'),
  simple('view', 'table'),
  simple('table'),
  simple('table', 'view'),
  incremental({
    incremental_strategy: 'merge',
    unique_key: 'id',
    on_schema_change: 'append_new_columns',
  }),
  incremental({ unique_key: 'id', on_schema_change: 'sync_all_columns' }),
  incremental({}, true),
  snapshot({ hard_deletes: 'new_record' }),
  snapshot({ hard_deletes: 'invalidate', dedupe: 'latest' }),
  seed,
];

interface State {
  readonly relations: readonly string[];
  readonly columns: unknown;
  readonly rows: readonly string[];
}

/** The target's own columns and rows, leaving aside relations beside it. */
const content = ({ columns, rows }: State) => ({ columns, rows });

/** Everything observable about the target: the schema's relations, its columns and rows. */
async function state(): Promise<State> {
  const info = await wh.executor.describe(base(wh.executor, 'target').relation);
  const rows = info ? await wh.rows('SELECT * FROM hr_prod.silver.target') : [];
  return {
    relations: await wh.relations('silver'),
    columns: info?.columns,
    rows: rows.map((r) => JSON.stringify(r)).sort(),
  };
}

describe.each(SCENARIOS)('$name', (scenario) => {
  it('keeps the previous relation and leaves nothing behind when any statement fails', async () => {
    await scenario.setup();
    const before = await state();

    let failAt = 1;
    for (; ; failAt++) {
      const executor = new FaultyExecutor(wh.executor, failAt, 'error');
      const attempt = await materialize(scenario.next(executor)).catch((e: unknown) => e);
      if (!executor.failed) {
        expect(attempt).toMatchObject({ status: expect.any(String) as unknown });
        break;
      }
      expect(attempt, `failure at statement ${failAt} is reported`).toBeInstanceOf(Error);
      expect(await state(), `state after a failure at statement ${failAt}`).toEqual(before);
    }
    expect(failAt, 'statements that were made to fail, plus one').toBeGreaterThan(1);
    expect(await wh.relations('silver')).toEqual([expect.stringMatching(/^target \(/)]);
  });

  it('recovers on the next run after a crash at any statement', async () => {
    await scenario.setup();
    await materialize(scenario.next(wh.executor));
    const clean = await state();

    for (let crashAt = 1; ; crashAt++) {
      await wh.dropAll('target');
      await scenario.setup();
      const before = await state();
      const executor = new FaultyExecutor(wh.executor, crashAt, 'crash');
      await materialize(scenario.next(executor)).catch(() => undefined);
      if (!executor.failed) break;
      expect(content(await state()), `target after a crash at statement ${crashAt}`).toEqual(
        content(before),
      );

      await materialize(scenario.next(wh.executor));
      expect(await state(), `the run after a crash at statement ${crashAt}`).toEqual(clean);
    }
  });
});
