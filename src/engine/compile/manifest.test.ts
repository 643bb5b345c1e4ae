import { afterEach, describe, expect, it } from 'vitest';
import { HrflowError } from '../../core/errors.js';
import { duckdbDialect } from '../adapters/duckdb/duckdb-dialect.js';
import { loadProject } from '../project/load-project.js';
import { hrflowConfig, tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';
import { buildManifest } from './manifest.js';

const invocation = {
  invocationId: 'inv-1',
  runStartedAt: new Date('2026-01-02T03:04:05Z'),
  targetName: 'dev',
  env: {},
  threads: 1,
  targetSchema: 'main',
};

let project: TempProject | undefined;
afterEach(() => project?.remove());

function manifestOf(files: Record<string, string>) {
  project = tempProject({ 'hrflow.config.yaml': hrflowConfig(), ...files });
  return buildManifest({
    project: loadProject({ projectDir: project.root }),
    dialect: duckdbDialect,
    invocation,
  });
}

function errorOf(fn: () => unknown): HrflowError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HrflowError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('phase one: dependencies, config and relation names', () => {
  it('records refs and in-file config, folder config applies, config() wins', () => {
    const m = manifestOf({
      'hrflow.config.yaml': hrflowConfig(
        'models:\n  silver:\n    +schema: silver\n    +materialized: table\n    +tags: [core]\n',
      ),
      'models/bronze/stg_a.sql': 'select 1 as id',
      'models/silver/b.sql':
        "{{ config(materialized='incremental', tags=['hr']) }}\nselect * from {{ ref('stg_a') }}",
    });
    const b = m.nodes.get('model.demo.b' as never);
    expect(b?.dependsOn).toEqual(['model.demo.stg_a']);
    expect(b?.config.materialized).toBe('incremental');
    expect(b?.config.tags).toEqual(['core', 'hr']);
    expect(b?.relation).toEqual({ catalog: 'hr_prod', schema: 'silver', identifier: 'b' });
    expect(m.nodes.get('model.demo.stg_a' as never)?.relation?.schema).toBe('main');
    expect(m.graph.order.indexOf('model.demo.stg_a' as never)).toBeLessThan(
      m.graph.order.indexOf('model.demo.b' as never),
    );
  });

  it('names a cycle', () => {
    const e = errorOf(() =>
      manifestOf({
        'models/a.sql': "select * from {{ ref('c') }}",
        'models/b.sql': "select * from {{ ref('a') }}",
        'models/c.sql': "select * from {{ ref('b') }}",
      }),
    );
    expect(e.code).toBe('dag-cycle');
    expect(e.message).toContain('model.demo.a → model.demo.b → model.demo.c → model.demo.a');
  });

  it('suggests the nearest name for an unknown ref', () => {
    const e = errorOf(() =>
      manifestOf({
        'models/stg_candidates.sql': 'select 1',
        'models/x.sql': "select * from {{ ref('stg_candidate') }}",
      }),
    );
    expect(e.code).toBe('ref-not-found');
    expect(e.location?.file).toBe('models/x.sql');
    expect(e.hint).toContain("'stg_candidates'");
  });

  it('reports a missing var with the model', () => {
    const e = errorOf(() => manifestOf({ 'models/x.sql': "select {{ var('cutoff') }}" }));
    expect(e.code).toBe('var-missing');
    expect(e.location?.file).toBe('models/x.sql');
  });

  it('reports a template syntax error with file and line', () => {
    const e = errorOf(() => manifestOf({ 'models/x.sql': 'select 1\n{% if %}\n' }));
    expect(e.code).toBe('template-error');
    expect(e.location).toMatchObject({ file: 'models/x.sql', line: 2 });
  });

  it('rejects duplicate model names across folders', () => {
    const e = errorOf(() =>
      manifestOf({ 'models/a/x.sql': 'select 1', 'models/b/x.sql': 'select 2' }),
    );
    expect(e.code).toBe('duplicate-node');
    expect(e.message).toContain('models/a/x.sql');
    expect(e.message).toContain('models/b/x.sql');
  });

  it('turns YAML tests into test nodes that depend on their model', () => {
    const m = manifestOf({
      'models/orders.sql': 'select 1 as id',
      'models/customers.sql': 'select 1 as id',
      'models/schema.yml': `version: 2
models:
  - name: orders
    columns:
      - name: id
        tests: [unique, not_null]
      - name: customer_id
        data_tests:
          - relationships: {to: "ref('customers')", field: id}
          - accepted_values: {values: [1, 2], quote: false, config: {severity: warn}}
`,
    });
    const tests = [...m.nodes.values()].filter((n) => n.node.kind === 'test');
    expect(tests.map((t) => t.node.name).sort()).toEqual(
      [
        'accepted_values_orders_customer_id__False__1__2',
        'not_null_orders_id',
        'relationships_orders_customer_id__id__ref_customers_',
        'unique_orders_id',
      ].sort(),
    );
    const rel = tests.find((t) => t.node.name.startsWith('relationships'));
    expect([...(rel?.dependsOn ?? [])].sort()).toEqual([
      'model.demo.customers',
      'model.demo.orders',
    ]);
    const av = tests.find((t) => t.node.name.startsWith('accepted_values'));
    expect(av?.config.severity).toBe('warn');
  });
});
