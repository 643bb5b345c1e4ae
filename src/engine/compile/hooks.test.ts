import { afterEach, describe, expect, it } from 'vitest';
import { duckdbDialect } from '../adapters/duckdb/duckdb-dialect.js';
import { loadProject } from '../project/load-project.js';
import { hrflowConfig, tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';
import type { NodeId } from '../project/nodes.js';
import { hookList, renderNodeHooks, renderRunHooks } from './hooks.js';
import { buildManifest } from './manifest.js';

let project: TempProject | undefined;
afterEach(() => project?.remove());

function manifestOf(config: string, files: Record<string, string>) {
  project = tempProject({ 'hrflow.config.yaml': hrflowConfig(config), ...files });
  return buildManifest({
    project: loadProject({ projectDir: project.root, env: { AUDIT_ROLE: 'auditor' } }),
    dialect: duckdbDialect,
    invocation: {
      invocationId: 'inv-1',
      runStartedAt: new Date('2026-01-02T03:04:05Z'),
      targetName: 'dev',
      env: { AUDIT_ROLE: 'auditor' },
      threads: 1,
      targetSchema: 'main',
    },
  });
}

describe('hookList', () => {
  it('takes one statement, a {sql} map or a list of either, dropping blank ones', () => {
    expect(hookList('select 1')).toEqual([{ sql: 'select 1', transaction: true }]);
    expect(hookList([{ sql: 'vacuum', transaction: false }, ' ', 'select 2'])).toEqual([
      { sql: 'vacuum', transaction: false },
      { sql: 'select 2', transaction: true },
    ]);
    expect(hookList(undefined)).toEqual([]);
  });

  it('rejects a hook that is neither text nor {sql}', () => {
    expect(() => hookList([42])).toThrow(/a hook must be SQL text/);
  });
});

describe('node hooks', () => {
  it('render with the node context, folder hooks before the model’s own', () => {
    const manifest = manifestOf(
      `models:
  gold:
    +schema: gold
    +post-hook: "grant select on {{ this }} to {{ env_var('AUDIT_ROLE') }}"
`,
      {
        'models/gold/headcount.sql': `{{ config(materialized='table', post_hook=["analyze {{ this }}"], pre_hook="select '{{ this.identifier }}', {{ is_incremental() }}") }}
select 1 as n`,
      },
    );
    const id = 'model.demo.headcount' as NodeId;
    const facts = { isIncremental: false, fullRefresh: false };
    expect(renderNodeHooks(manifest, id, facts, 'pre_hook')).toEqual(["select 'headcount', False"]);
    expect(renderNodeHooks(manifest, id, facts, 'post_hook')).toEqual([
      'grant select on "hr_prod"."gold"."headcount" to auditor',
      'analyze "hr_prod"."gold"."headcount"',
    ]);
  });
});

describe('project hooks', () => {
  it('render on-run-start with the run context, not at load time', () => {
    const manifest = manifestOf(
      `on-run-start:
  - "create schema if not exists {{ target.schema }}_audit"
  - "select '{{ invocation_id }}', '{{ var('region', 'emea') }}'"
`,
      { 'models/a.sql': 'select 1 as n' },
    );
    expect(renderRunHooks(manifest, 'on-run-start')).toEqual([
      { event: 'on-run-start', index: 0, sql: 'create schema if not exists main_audit' },
      { event: 'on-run-start', index: 1, sql: "select 'inv-1', 'emea'" },
    ]);
  });

  it('give on-run-end the results and schemas of the run', () => {
    const manifest = manifestOf(
      `on-run-end: "{% for s in schemas %}grant usage on schema {{ s }} to r;{% endfor %} -- {{ results | length }} {{ results[0].node.name }} {{ results[0].status }}"
`,
      { 'models/a.sql': 'select 1 as n' },
    );
    const [hook] = renderRunHooks(manifest, 'on-run-end', {
      schemas: ['silver', 'gold'],
      results: [{ status: 'success', node: { name: 'a' } }],
    });
    expect(hook?.sql).toBe(
      'grant usage on schema silver to r;grant usage on schema gold to r; -- 1 a success',
    );
  });

  it('return a template error with the hook, instead of throwing', () => {
    const manifest = manifestOf(`on-run-start: "select {{ no_such_name }}"\n`, {
      'models/a.sql': 'select 1 as n',
    });
    const [hook] = renderRunHooks(manifest, 'on-run-start');
    expect(hook?.sql).toBeUndefined();
    expect(hook?.error?.code).toBe('template-error');
    expect(hook?.error?.location?.file).toBe('hrflow.config.yaml (on-run-start 1)');
  });
});
