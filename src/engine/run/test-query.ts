/**
 * How a data test runs, as dbt runs it: the test's query returns failing rows; a wrapper computes
 * `fail_calc` (default `count(*)`) and compares it with `warn_if` and `error_if` (default `!= 0`).
 * `severity: error` fails when error_if holds, else warns when warn_if holds; `severity: warn`
 * only warns.
 */
import { HrflowError } from '../../core/errors.js';
import type { NodeStatus } from './results.js';

export interface TestConfig {
  readonly severity: 'error' | 'warn';
  readonly warnIf: string;
  readonly errorIf: string;
  readonly failCalc: string;
  readonly limit?: number;
  readonly where?: string;
  /** Where failing rows are kept: `store_failures` with `store_failures_as`. */
  readonly storeFailures: 'none' | 'table' | 'view';
}

/** Reads a test's config with dbt's defaults, validating what SQL will be built from. */
export function testConfig(
  config: Readonly<Record<string, unknown>>,
  node: { id: string; path: string },
  flags: { readonly storeFailures?: boolean } = {},
): TestConfig {
  const severity = (typeof config.severity === 'string' ? config.severity : 'error').toLowerCase();
  if (severity !== 'error' && severity !== 'warn') {
    throw new HrflowError(
      'config-invalid',
      `severity must be 'error' or 'warn', got '${severity}'`,
      {
        location: { file: node.path, node: node.id },
      },
    );
  }
  const condition = (key: string): string => {
    const value = config[key];
    if (value === undefined || value === null) return '!= 0';
    const text = (typeof value === 'string' ? value : JSON.stringify(value)).trim();
    if (!/^(=|==|!=|<>|<=|>=|<|>)\s*-?\d+(\.\d+)?$/.test(text)) {
      throw new HrflowError(
        'config-invalid',
        `${key} must be a comparison such as '>10' or '!=0', got '${text}'`,
        {
          location: { file: node.path, node: node.id },
        },
      );
    }
    return text.startsWith('==') ? `=${text.slice(2)}` : text;
  };
  const limit = config.limit;
  return {
    severity,
    warnIf: condition('warn_if'),
    errorIf: condition('error_if'),
    failCalc: typeof config.fail_calc === 'string' ? config.fail_calc : 'count(*)',
    ...(typeof limit === 'number' ? { limit } : {}),
    ...(typeof config.where === 'string' ? { where: config.where } : {}),
    storeFailures: storeFailuresMode(config, node, flags.storeFailures ?? false),
  };
}

/**
 * dbt's rules: `store_failures` in the config wins over the `--store-failures` flag;
 * `store_failures_as` (table, view or ephemeral) stores, or with ephemeral does not, on its own.
 */
function storeFailuresMode(
  config: Readonly<Record<string, unknown>>,
  node: { id: string; path: string },
  flag: boolean,
): TestConfig['storeFailures'] {
  const as = config.store_failures_as;
  if (as !== undefined && as !== null) {
    if (as === 'table' || as === 'view') return as;
    if (as === 'ephemeral') return 'none';
    throw new HrflowError(
      'config-invalid',
      `store_failures_as must be table, view or ephemeral, got ${JSON.stringify(as)}`,
      { location: { file: node.path, node: node.id } },
    );
  }
  const store = typeof config.store_failures === 'boolean' ? config.store_failures : flag;
  return store ? 'table' : 'none';
}

/** The query that turns a test's failing rows into one row of counts. */
export function testWrapperSql(testSql: string, config: TestConfig): string {
  const limit = config.limit === undefined ? '' : `\n  limit ${config.limit}`;
  return `select
  ${config.failCalc} as failures,
  ${config.failCalc} ${config.warnIf} as should_warn,
  ${config.failCalc} ${config.errorIf} as should_error
from (
${testSql.trim()}${limit}
) dbt_internal_test`;
}

/** The status a test ends with, given the wrapper's row; `--warn-error` turns warn into fail. */
export function testStatus(
  config: TestConfig,
  row: { should_warn: boolean; should_error: boolean },
  warnError = false,
): NodeStatus {
  if (config.severity === 'error' && row.should_error) return 'fail';
  if (row.should_warn) return warnError ? 'fail' : 'warn';
  return 'pass';
}
