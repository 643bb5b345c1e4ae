import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HrflowError } from '../../core/errors.js';
import { previousStateFromManifest, readPreviousState } from './previous-state.js';
import { IGNORED_CONFIG_KEYS, meetsStateCondition, sameConfig } from './state-comparison.js';
import type { PreviousNode } from './state-comparison.js';
import type { SelectableNode } from './selection-graph.js';
import type { StateCondition } from './selector-tree.js';

const root = mkdtempSync(join(tmpdir(), 'hrflow-state-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function stateDir(name: string, manifest?: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  if (manifest !== undefined) writeFileSync(join(dir, 'manifest.json'), manifest);
  return dir;
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

const dbtManifest = {
  metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json' },
  nodes: {
    'model.hrflow.stg_workers': {
      checksum: { name: 'sha256', checksum: 'abc' },
      config: { materialized: 'view', unique_key: null },
      raw_code: 'select 1',
    },
    'test.hrflow.not_null_x.1': { checksum: { name: 'none', checksum: '' }, config: {} },
    'seed.hrflow.department_map': { checksum: { name: 'sha256', checksum: 'def' } },
  },
  sources: { 'source.hrflow.workday.workers': { config: { enabled: true }, loader: 'hrflow' } },
  exposures: { 'exposure.hrflow.hiring_dashboard': { config: { enabled: true } } },
  macros: {},
};

describe('readPreviousState', () => {
  it('reads nodes, sources and exposures from DIR/manifest.json', () => {
    const dir = stateDir('ok', JSON.stringify(dbtManifest));
    const state = readPreviousState(dir, 'prod-target');
    expect(state.manifestPath).toBe('prod-target/manifest.json');
    expect(Object.fromEntries(state.nodes)).toEqual({
      'model.hrflow.stg_workers': {
        checksum: 'abc',
        config: { materialized: 'view', unique_key: null },
      },
      'test.hrflow.not_null_x.1': { config: {} },
      'seed.hrflow.department_map': { checksum: 'def', config: {} },
      'source.hrflow.workday.workers': { config: { enabled: true } },
      'exposure.hrflow.hiring_dashboard': { config: { enabled: true } },
    });
  });

  it('reports a missing directory as state-not-found with a hint', () => {
    const e = errorOf(() => readPreviousState(join(root, 'nope'), 'nope'));
    expect(e.code).toBe('state-not-found');
    expect(e.message).toBe('--state directory nope does not exist');
    expect(e.hint).toContain('manifest.json');
  });

  it('reports a file given as the directory as state-not-found', () => {
    const file = join(stateDir('file-parent'), 'plain.txt');
    writeFileSync(file, 'x');
    expect(errorOf(() => readPreviousState(file)).code).toBe('state-not-found');
  });

  it('reports a directory without manifest.json as state-not-found, naming the file', () => {
    const e = errorOf(() => readPreviousState(stateDir('empty'), 'target/'));
    expect(e.code).toBe('state-not-found');
    expect(e.message).toBe('no manifest.json in --state directory target/');
    expect(e.location?.file).toBe('target/manifest.json');
  });

  it('reports broken JSON as state-invalid', () => {
    const e = errorOf(() => readPreviousState(stateDir('broken', '{"nodes": {'), 'broken'));
    expect(e.code).toBe('state-invalid');
    expect(e.message).toContain('broken/manifest.json is not valid JSON');
  });
});

describe('previousStateFromManifest', () => {
  it.each<[string, unknown, string]>([
    ['not an object', [], 'must be object'],
    ['without nodes', { sources: {} }, "must have required property 'nodes'"],
    [
      'with a numeric checksum',
      { nodes: { a: { checksum: { checksum: 1 } } } },
      '/nodes/a/checksum/checksum',
    ],
    ['with a string config', { nodes: {}, sources: { s: { config: 'x' } } }, '/sources/s/config'],
  ])('rejects a manifest %s', (_, manifest, message) => {
    const e = errorOf(() => previousStateFromManifest(manifest, 'm.json'));
    expect(e.code).toBe('state-invalid');
    expect(e.message).toContain(message);
    expect(e.location?.file).toBe('m.json');
  });
});

describe('sameConfig', () => {
  it('ignores key order and treats an absent key like null', () => {
    expect(sameConfig({ a: 1, b: null }, { a: 1 })).toBe(true);
    expect(sameConfig({ x: { y: null, z: [1, { w: 2 }] } }, { x: { z: [1, { w: 2 }] } })).toBe(
      true,
    );
  });

  it('sees changed values, list order and list length', () => {
    expect(sameConfig({ a: 'table' }, { a: 'view' })).toBe(false);
    expect(sameConfig({ k: ['a', 'b'] }, { k: ['b', 'a'] })).toBe(false);
    expect(sameConfig({ k: ['a'] }, { k: ['a', null] })).toBe(false);
    expect(sameConfig({ k: [] }, { k: {} })).toBe(false);
    expect(sameConfig({ k: 1 }, { k: '1' })).toBe(false);
  });

  it('ignores the relation and metadata keys at the top level only', () => {
    expect(IGNORED_CONFIG_KEYS).toEqual(['alias', 'schema', 'database', 'tags', 'group']);
    expect(sameConfig({ schema: 'dev', alias: 'x', tags: ['a'] }, { schema: 'prod' })).toBe(true);
    expect(sameConfig({ meta: { schema: 'dev' } }, { meta: { schema: 'prod' } })).toBe(false);
    expect(sameConfig({ schema: 'dev' }, { schema: 'prod' }, new Set())).toBe(false);
  });
});

describe('meetsStateCondition', () => {
  const current: SelectableNode = {
    id: 'model.hrflow.m',
    resourceType: 'model',
    name: 'm',
    packageName: 'hrflow',
    fqn: ['hrflow', 'm'],
    path: 'models/m.sql',
    tags: [],
    config: { materialized: 'table' },
    checksum: 'new-sum',
    dependsOn: [],
  };
  const ignored = new Set(IGNORED_CONFIG_KEYS);
  const cases: Record<string, PreviousNode | undefined> = {
    absent: undefined,
    same: { checksum: 'new-sum', config: { materialized: 'table' } },
    body: { checksum: 'old-sum', config: { materialized: 'table' } },
    configs: { checksum: 'new-sum', config: { materialized: 'view' } },
    both: { checksum: 'old-sum', config: { materialized: 'view' } },
    unknownBody: { config: { materialized: 'table' } },
  };
  const expected: Record<StateCondition, string[]> = {
    new: ['absent'],
    old: ['same', 'body', 'configs', 'both', 'unknownBody'],
    modified: ['absent', 'body', 'configs', 'both'],
    'modified.body': ['absent', 'body', 'both'],
    'modified.configs': ['absent', 'configs', 'both'],
    unmodified: ['same', 'unknownBody'],
  };

  it.each(Object.entries(expected))('%s', (condition, names) => {
    const met = Object.entries(cases)
      .filter(([, previous]) =>
        meetsStateCondition(condition as StateCondition, current, previous, ignored),
      )
      .map(([name]) => name);
    expect(met).toEqual(names);
  });
});
