import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/warehouse.js';
import { duckdbSqlParser } from './duckdb-parser.js';
import type { SqlParser } from './column-lineage.js';
import { traceQuery } from './trace-query.js';
import type { TraceFacts, TracedColumn } from './trace-query.js';

let warehouse: Warehouse;
let parser: SqlParser;
let aggregates: ReadonlySet<string>;
const sessions: { close(): void }[] = [];

beforeAll(async () => {
  warehouse = await Warehouse.open({ path: ':memory:', catalog: 'hr_prod' });
  const session = await warehouse.session();
  sessions.push(session);
  parser = duckdbSqlParser(session);
  aggregates = await parser.aggregateFunctions();
});

afterAll(async () => {
  for (const s of sessions) s.close();
  await warehouse.close();
});

/** Relations of a small HR project: `schema.table` → columns (undefined: unknown). */
const RELATIONS: Record<string, readonly string[] | undefined> = {
  'silver.worker': ['worker_id', 'department_id', 'salary', 'status', 'hired_on'],
  'silver.department': ['department_id', 'name'],
  'silver.termination': ['worker_id', 'termination_type', 'terminated_on'],
  'bronze.raw_events': undefined,
};

const facts = (inlined: Record<string, readonly string[]> = {}): TraceFacts => ({
  relation: ({ schema, name }) => {
    const key = `${schema || 'silver'}.${name}`;
    return key in RELATIONS ? { node: `model.hr.${name}`, columns: RELATIONS[key] } : undefined;
  },
  inlinedCte: (name) => {
    const model = name.replace(/^__dbt__cte__/, '');
    const columns = inlined[model];
    return columns ? { node: `model.hr.${model}`, columns } : undefined;
  },
  isAggregate: (fn) => aggregates.has(fn.toLowerCase()),
});

async function trace(sql: string, f: TraceFacts = facts()): Promise<Record<string, string>> {
  const [tree] = await parser.parse([sql]);
  if (!tree?.ok) throw new Error(tree?.message ?? 'no tree');
  const [statement] = tree.statements;
  if (!statement) throw new Error('no statement');
  return summarize(traceQuery(statement, f));
}

/** `name → transform: node.column, …` with `! gap` lines, compact enough to assert whole. */
function summarize(columns: readonly TracedColumn[]): Record<string, string> {
  const out: Record<string, string> = {};
  columns.forEach((c, i) => {
    if (c.kind === 'unexpanded') {
      out[`*${i}`] = `unexpanded: ${c.reason}`;
      return;
    }
    const refs = c.derivation.refs.map((r) => `${r.node.replace('model.hr.', '')}.${r.column}`);
    const gaps = c.derivation.gaps.map((g) => ` ! ${g}`).join('');
    out[c.name ?? `#${i}`] = `${c.derivation.transform}: ${refs.join(', ')}${gaps}`;
  });
  return out;
}

describe('column lineage of one query', () => {
  it('follows CTEs and table aliases through a join', async () => {
    expect(
      await trace(`with w as (
          select worker_id, department_id, salary * 12 as annual_salary from "hr_prod"."silver"."worker"
        )
        select d.name as department, w.annual_salary, w.worker_id as id
        from w join silver.department as d on w.department_id = d.department_id`),
    ).toEqual({
      department: 'identity: department.name',
      annual_salary: 'expression: worker.salary',
      id: 'identity: worker.worker_id',
    });
  });

  it('expands select * with EXCLUDE and REPLACE, and a USING column once from both sides', async () => {
    expect(
      await trace(`select * exclude (hired_on, status) replace (salary / 100 as salary)
        from worker join department using (department_id)`),
    ).toEqual({
      worker_id: 'identity: worker.worker_id',
      department_id: 'identity: department.department_id, worker.department_id',
      salary: 'expression: worker.salary',
      name: 'identity: department.name',
    });
  });

  it('counts the partition and order of a window among its inputs', async () => {
    expect(
      await trace(`select worker_id,
          row_number() over (partition by department_id order by hired_on desc) as seniority_rank,
          sum(salary) over (partition by department_id) as department_payroll
        from worker qualify seniority_rank <= 3`),
    ).toEqual({
      worker_id: 'identity: worker.worker_id',
      seniority_rank: 'window: worker.department_id, worker.hired_on',
      department_payroll: 'window: worker.department_id, worker.salary',
    });
  });

  it('takes every branch and condition of a case expression', async () => {
    expect(
      await trace(`select case when t.termination_type = 'voluntary' then 1
                          when w.status = 'active' then 0 else null end as left_voluntarily
        from worker w left join termination t on t.worker_id = w.worker_id`),
    ).toEqual({
      left_voluntarily: 'expression: termination.termination_type, worker.status',
    });
  });

  it('marks aggregates, including the filter of an aggregate, and count(*) with no column', async () => {
    expect(
      await trace(`select department_id,
          count(*) as headcount,
          count(*) filter (where status = 'active') / nullif(avg(salary), 0) as ratio
        from worker group by all`),
    ).toEqual({
      department_id: 'identity: worker.department_id',
      headcount: 'aggregate: ',
      ratio: 'aggregate: worker.salary, worker.status',
    });
  });

  it('merges union branches by position, and union by name by name', async () => {
    expect(
      await trace(`select worker_id as id, hired_on as happened_on from worker
        union all select worker_id, terminated_on from termination`),
    ).toEqual({
      id: 'identity: termination.worker_id, worker.worker_id',
      happened_on: 'identity: termination.terminated_on, worker.hired_on',
    });
    expect(
      await trace(`select worker_id, status from worker
        union all by name select termination_type as status, worker_id from termination`),
    ).toEqual({
      worker_id: 'identity: termination.worker_id, worker.worker_id',
      status: 'identity: termination.termination_type, worker.status',
    });
  });

  it('traces an inlined ephemeral model as that model, not as its body', async () => {
    expect(
      await trace(
        `with __dbt__cte__active as (select worker_id, salary from worker where status = 'active')
        select a.worker_id, a.salary::double as salary from __dbt__cte__active a`,
        facts({ active: ['worker_id', 'salary'] }),
      ),
    ).toEqual({
      worker_id: 'identity: active.worker_id',
      salary: 'cast: active.salary',
    });
  });

  it('resolves correlated subqueries, lambdas and earlier select aliases', async () => {
    expect(
      await trace(`select w.worker_id,
          (select max(t.terminated_on) from termination t where t.worker_id = w.worker_id) as last_exit,
          list_transform([w.salary], x -> x * 2) as doubled,
          salary * 2 as twice, twice + 1 as twice_plus_one
        from worker w`),
    ).toEqual({
      worker_id: 'identity: worker.worker_id',
      last_exit: 'aggregate: termination.terminated_on',
      doubled: 'expression: worker.salary',
      twice: 'expression: worker.salary',
      twice_plus_one: 'expression: worker.salary',
    });
  });

  it('attributes columns of a relation whose columns are unknown, but cannot expand its *', async () => {
    expect(await trace(`select payload->>'id' as id, * from bronze.raw_events`)).toEqual({
      id: 'expression: raw_events.payload',
      '*1': 'unexpanded: * over bronze.raw_events: the columns of bronze.raw_events are not known',
    });
  });

  it('says which column it could not find instead of guessing', async () => {
    expect(await trace(`select x.a, read_csv_col from read_csv('f.csv') x`)).toEqual({
      a: 'identity:  ! column x.a: the columns of table function read_csv are not known',
      read_csv_col:
        'identity:  ! column read_csv_col: the columns of table function read_csv are not known',
    });
    expect(await trace(`select e.id from raw.elsewhere e`)).toEqual({
      id: 'identity:  ! column e.id: raw.elsewhere is not a relation of the project',
    });
  });

  it('reads current_date as a value and knows the column generate_series and range make', async () => {
    expect(
      await trace(`select
          cast(g.generate_series as date) as period_month,
          least(cast(g.generate_series as date), current_date) as capped,
          r.range as n,
          current_timestamp as built_at
        from generate_series(date '2024-01-01', date '2024-03-01', interval 1 month) as g
        cross join range(3) as r`),
    ).toEqual({
      period_month: 'expression: ',
      capped: 'expression: ',
      n: 'expression: ',
      built_at: 'constant: ',
    });
    // A real column of that name still wins.
    expect(
      await trace(`select current_date from (select salary as current_date from worker) as t`),
    ).toEqual({ current_date: 'identity: worker.salary' });
  });

  it('follows subqueries in FROM, VALUES and column aliases of derived tables', async () => {
    expect(
      await trace(`select s.dept, v.label from
          (select department_id, sum(salary) from worker group by 1) s(dept, payroll)
          join (values (1, 'one')) v(id, label) on v.id = s.dept`),
    ).toEqual({ dept: 'identity: worker.department_id', label: 'constant: ' });
  });
});
