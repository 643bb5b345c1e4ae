import { describe, expect, it } from 'vitest';
import { testConfig, testStatus, testWrapperSql } from './test-query.js';

const node = { id: 'test.p.t', path: 'models/schema.yml' };

describe('test severity as dbt resolves it', () => {
  it('defaults to severity error with != 0 thresholds', () => {
    const c = testConfig({}, node);
    expect(c).toMatchObject({
      severity: 'error',
      warnIf: '!= 0',
      errorIf: '!= 0',
      failCalc: 'count(*)',
    });
    expect(testStatus(c, { should_warn: true, should_error: true })).toBe('fail');
    expect(testStatus(c, { should_warn: false, should_error: false })).toBe('pass');
  });

  it('warns instead of failing below error_if', () => {
    const c = testConfig({ warn_if: '>0', error_if: '>10' }, node);
    expect(testStatus(c, { should_warn: true, should_error: false })).toBe('warn');
  });

  it('never fails with severity warn, whatever error_if says', () => {
    const c = testConfig({ severity: 'WARN' }, node);
    expect(testStatus(c, { should_warn: true, should_error: true })).toBe('warn');
  });

  it('fails a test that would warn under --warn-error, and leaves a pass a pass', () => {
    const c = testConfig({ severity: 'warn' }, node);
    expect(testStatus(c, { should_warn: true, should_error: true }, true)).toBe('fail');
    expect(testStatus(c, { should_warn: false, should_error: false }, true)).toBe('pass');
  });

  it('stores failures when the config or else the --store-failures flag says so', () => {
    expect(testConfig({}, node).storeFailures).toBe('none');
    expect(testConfig({}, node, { storeFailures: true }).storeFailures).toBe('table');
    expect(testConfig({ store_failures: false }, node, { storeFailures: true }).storeFailures).toBe(
      'none',
    );
    expect(testConfig({ store_failures: true }, node).storeFailures).toBe('table');
  });

  it('takes store_failures_as over store_failures, ephemeral storing nothing', () => {
    expect(testConfig({ store_failures_as: 'view' }, node).storeFailures).toBe('view');
    expect(
      testConfig({ store_failures: true, store_failures_as: 'ephemeral' }, node).storeFailures,
    ).toBe('none');
    expect(() => testConfig({ store_failures_as: 'parquet' }, node)).toThrow(
      /store_failures_as must be table, view or ephemeral/,
    );
  });

  it('rejects a threshold that is not a comparison', () => {
    expect(() => testConfig({ error_if: '1; drop table x' }, node)).toThrow(
      /error_if must be a comparison/,
    );
  });

  it('wraps the failing-rows query exactly', () => {
    const sql = testWrapperSql(
      'select * from t where id is null',
      testConfig({ limit: 5, warn_if: '>= 3' }, node),
    );
    expect(sql).toBe(`select
  count(*) as failures,
  count(*) >= 3 as should_warn,
  count(*) != 0 as should_error
from (
select * from t where id is null
  limit 5
) dbt_internal_test`);
  });
});
