/**
 * Data tests declared in properties YAML become test nodes. Each renders a call to the generic
 * test's macro (`test_<name>`), so built-in and project-defined generic tests work the same way.
 */
import { createHash } from 'node:crypto';
import { HrflowError } from '../../core/errors.js';
import { pythonStr } from '../compile/python-text.js';
import { nodeId } from './nodes.js';
import { asStrings } from './folder-config.js';
import type { NodeId, TestNode } from './nodes.js';

/** Keys of a test entry that configure the test rather than feed its macro. */
const TEST_CONFIG_KEYS = new Set([
  'severity',
  'error_if',
  'warn_if',
  'where',
  'limit',
  'store_failures',
  'store_failures_as',
  'fail_calc',
  'tags',
  'meta',
  'enabled',
  'alias',
  'schema',
  'database',
]);

/** What a test is attached to, as `ref('x')` or `source('a', 'b')` in the template. */
export interface TestTarget {
  readonly nodeId: NodeId;
  /** Template expression for the tested relation. */
  readonly expression: string;
  /** Name used in the test's generated name (`orders`, `greenhouse_candidates`). */
  readonly nameForTest: string;
  /** Tests on a source table are named `source_<test>_…`, as dbt names them. */
  readonly onSource?: boolean;
  readonly columnName?: string;
}

export interface TestEntryContext {
  readonly packageName: string;
  /** Properties file, for errors and the node's origin. */
  readonly file: string;
  readonly yamlPath: string;
  readonly line?: number;
  readonly folderConfig: Readonly<Record<string, unknown>>;
}

/** Builds the test node for one entry of a `tests:` / `data_tests:` list. */
export function genericTestNode(
  entry: unknown,
  target: TestTarget,
  ctx: TestEntryContext,
): TestNode {
  const { testName, namespace, body } = splitEntry(entry, ctx);
  const args: Record<string, unknown> = { ...(isObject(body.arguments) ? body.arguments : {}) };
  const config: Record<string, unknown> = { ...(isObject(body.config) ? body.config : {}) };
  let customName: string | undefined;
  for (const [key, value] of Object.entries(body)) {
    if (key === 'arguments' || key === 'config') continue;
    if (key === 'name') customName = String(value);
    else if (key === 'column_name') args.column_name = value;
    else if (TEST_CONFIG_KEYS.has(key)) config[key] = value;
    else args[key] = value;
  }
  if (target.columnName !== undefined && args.column_name === undefined) {
    args.column_name = target.columnName;
  }

  const packaged = namespace && namespace !== 'dbt' ? `${namespace}_${testName}` : testName;
  const naming = testNodeName(
    target.onSource ? `source_${packaged}` : packaged,
    target.nameForTest,
    args,
  );
  const name = customName ?? naming.name;
  const alias = customName === undefined ? naming.alias : undefined;
  const hash = createHash('md5')
    .update(JSON.stringify([target.nodeId, testName, namespace ?? '', args]))
    .digest('hex')
    .slice(0, 10);
  const macro =
    namespace && namespace !== 'dbt' && namespace !== 'hrflow'
      ? `${namespace}.test_${testName}`
      : `test_${testName}`;
  const renderedArgs = Object.entries(args)
    .map(([k, v]) => `${k}=${argumentExpression(k, v)}`)
    .join(', ');
  const rawCode = `{{ ${macro}(model=${target.expression}${renderedArgs ? `, ${renderedArgs}` : ''}) }}`;

  return {
    kind: 'test',
    id: nodeId('test', ctx.packageName, name, hash),
    name,
    packageName: ctx.packageName,
    path: ctx.file,
    patchPath: ctx.file,
    fqn: [ctx.packageName, testName, name],
    description: '',
    columns: {},
    config: { severity: 'error', ...ctx.folderConfig, ...config },
    tags: [...new Set([...asStrings(ctx.folderConfig.tags), ...asStrings(config.tags)])],
    meta: isObject(config.meta) ? config.meta : {},
    testType: 'generic',
    ...(alias !== undefined && alias !== name ? { alias } : {}),
    rawCode,
    attachedNode: target.nodeId,
    ...(typeof args.column_name === 'string' ? { columnName: args.column_name } : {}),
    testMetadata: {
      name: testName,
      ...(namespace ? { namespace } : {}),
      kwargs: { ...args, model: target.expression },
    },
  };
}

function splitEntry(
  entry: unknown,
  ctx: TestEntryContext,
): { testName: string; namespace?: string; body: Record<string, unknown> } {
  let fullName: string;
  let body: Record<string, unknown> = {};
  if (typeof entry === 'string') {
    fullName = entry;
  } else if (isObject(entry) && Object.keys(entry).length === 1) {
    const [key, value] = Object.entries(entry)[0] as [string, unknown];
    fullName = key;
    if (isObject(value)) {
      body = value;
    } else if (value !== null && value !== undefined) {
      throw invalid(ctx, `test '${key}' takes a map of arguments, got ${JSON.stringify(value)}`);
    }
  } else {
    throw invalid(ctx, `a test must be a name or a one-key map, got ${JSON.stringify(entry)}`);
  }
  if (typeof body.test_name === 'string') fullName = body.test_name;
  const dot = fullName.lastIndexOf('.');
  return dot < 0
    ? { testName: fullName, body }
    : { testName: fullName.slice(dot + 1), namespace: fullName.slice(0, dot), body };
}

/**
 * dbt's test names: the test, the tested resource, then every argument but `model` in key order,
 * each flattened (a list to its items, a map to its values) and cleaned to `[A-Za-z0-9_]`, joined
 * by `__`: `accepted_values_workers_status__active__terminated`. Names of 64 characters or more
 * keep that name but store failures and compiled SQL under a short alias: the first 30 characters
 * of `<test>_<resource>` and the md5 of the full name.
 */
export function testNodeName(
  test: string,
  target: string,
  args: Readonly<Record<string, unknown>>,
): { name: string; alias: string } {
  const parts = Object.keys(args)
    .filter((key) => key !== 'model')
    .sort()
    .flatMap((key) => flatten(args[key]))
    .map((part) => part.replace(/[^0-9a-zA-Z_]+/g, '_'));
  const name = `${test}_${target}_${parts.join('__')}`;
  if (name.length < 64) return { name, alias: name };
  const hash = createHash('md5').update(name).digest('hex');
  return { name, alias: `${`${test}_${target}`.slice(0, 30)}_${hash}` };
}

/** One argument as the text parts of a test name, spelled as Python prints them. */
function flatten(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(pythonStr);
  if (isObject(value)) return Object.values(value).map(pythonStr);
  return [pythonStr(value)];
}

/**
 * Test arguments are literal values, except strings that call `ref()` or `source()` (and any
 * string containing `{{ }}`), which dbt evaluates as template expressions.
 */
function argumentExpression(key: string, value: unknown): string {
  if (typeof value === 'string') {
    if (/^\s*(ref|source)\s*\(.*\)\s*$/s.test(value)) return value.trim();
    if (value.includes('{{')) {
      const inner = /^\s*\{\{(.*)\}\}\s*$/s.exec(value);
      if (inner?.[1]) return `(${inner[1].trim()})`;
    }
  }
  if (key === 'where' && typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value ?? null);
}

function invalid(ctx: TestEntryContext, message: string): HrflowError {
  return new HrflowError('config-invalid', message, {
    location: { file: ctx.file, yamlPath: ctx.yamlPath, ...(ctx.line ? { line: ctx.line } : {}) },
    hint: "Write tests as '- unique' or '- accepted_values: {values: [a, b]}'.",
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
