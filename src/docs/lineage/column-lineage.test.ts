import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/warehouse.js';
import { projectLineage } from './column-lineage.js';
import type { LineageSubject, SqlParser } from './column-lineage.js';
import { duckdbSqlParser } from './duckdb-parser.js';
import { upstreamTree } from './lineage-tree.js';

let warehouse: Warehouse;
let parser: SqlParser;
let close: () => void;

beforeAll(async () => {
  warehouse = await Warehouse.open({ path: ':memory:', catalog: 'mem' });
  const session = await warehouse.session();
  close = () => session.close();
  parser = duckdbSqlParser(session);
});

afterAll(async () => {
  close();
  await warehouse.close();
});

const rel = (schema: string, identifier: string) => ({ catalog: 'hr', schema, identifier });

/** A source with catalog columns, then models in an order that is not the DAG's. */
const SUBJECTS: LineageSubject[] = [
  {
    id: 'model.hr.gold',
    kind: 'model',
    relation: rel('gold', 'gold'),
    compiledSql: 'select worker_id, upper(name) from "hr"."silver"."silver"',
    catalogColumns: ['worker_id', 'upper("name")'],
    dependsOn: ['model.hr.silver'],
  },
  {
    id: 'model.hr.silver',
    kind: 'model',
    relation: rel('silver', 'silver'),
    compiledSql: 'select * from hr.bronze.workers',
    dependsOn: ['source.hr.workday.workers'],
  },
  {
    id: 'source.hr.workday.workers',
    kind: 'source',
    relation: rel('bronze', 'workers'),
    catalogColumns: ['worker_id', 'name'],
    dependsOn: [],
  },
  {
    id: 'model.hr.broken',
    kind: 'model',
    relation: rel('gold', 'broken'),
    compiledSql: 'select from where',
    dependsOn: [],
  },
  {
    id: 'model.hr.two',
    kind: 'model',
    relation: rel('gold', 'two'),
    compiledSql: 'select 1; select 2',
    dependsOn: [],
  },
];

describe('column lineage of a project', () => {
  it('traces parents first, so select * over an unbuilt model uses the columns traced there', async () => {
    const lineage = await projectLineage(SUBJECTS, parser);
    expect(lineage.get('model.hr.silver')?.columns.map((c) => c.name)).toEqual([
      'worker_id',
      'name',
    ]);
    const gold = lineage.get('model.hr.gold');
    expect(gold?.status).toBe('traced');
    expect(gold?.columns).toEqual([
      {
        name: 'worker_id',
        upstream: [{ node: 'model.hr.silver', column: 'worker_id' }],
        transform: 'identity',
        gaps: [],
      },
      {
        name: 'upper("name")',
        upstream: [{ node: 'model.hr.silver', column: 'name' }],
        transform: 'expression',
        gaps: [],
      },
    ]);
  });

  it('says why a model cannot be traced instead of guessing', async () => {
    const lineage = await projectLineage(SUBJECTS, parser);
    const broken = lineage.get('model.hr.broken');
    expect(broken?.status).toBe('untraced');
    expect(broken?.message).toMatch(/^DuckDB could not parse the compiled SQL: syntax error/);
    expect(lineage.get('model.hr.two')?.message).toBe(
      'the compiled SQL holds 2 statements, not one SELECT',
    );
  });

  it('builds the upstream tree down to the source', async () => {
    const lineage = await projectLineage(SUBJECTS, parser);
    const tree = upstreamTree(lineage, { node: 'model.hr.gold', column: 'upper("name")' }, (id) =>
      id.startsWith('model.'),
    );
    expect(tree).toEqual({
      node: 'model.hr.gold',
      column: 'upper("name")',
      transform: 'expression',
      gaps: [],
      children: [
        {
          node: 'model.hr.silver',
          column: 'name',
          transform: 'identity',
          gaps: [],
          children: [{ node: 'source.hr.workday.workers', column: 'name', gaps: [], children: [] }],
        },
      ],
    });
  });
});
