import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIncremental, shouldFullRefresh } from './is-incremental.js';

describe('shouldFullRefresh', () => {
  it('follows the --full-refresh flag when the model does not pin it', () => {
    expect(shouldFullRefresh(true, undefined)).toBe(true);
    expect(shouldFullRefresh(false, undefined)).toBe(false);
  });

  it('lets the model config win over the flag in both directions', () => {
    expect(shouldFullRefresh(true, false)).toBe(false);
    expect(shouldFullRefresh(false, true)).toBe(true);
  });
});

describe('isIncremental', () => {
  const table = { type: 'table' as const };

  it('is true for an incremental model over an existing table without full refresh', () => {
    expect(
      isIncremental({ materialized: 'incremental', existing: table, fullRefreshFlag: false }),
    ).toBe(true);
  });

  it('is false on the first run, over a view, under full refresh, and for other models', () => {
    const cases = [
      { materialized: 'incremental', existing: undefined, fullRefreshFlag: false },
      { materialized: 'incremental', existing: { type: 'view' as const }, fullRefreshFlag: false },
      { materialized: 'incremental', existing: table, fullRefreshFlag: true },
      {
        materialized: 'incremental',
        existing: table,
        fullRefreshFlag: false,
        configFullRefresh: true,
      },
      { materialized: 'table', existing: table, fullRefreshFlag: false },
    ];
    for (const facts of cases) expect(isIncremental(facts)).toBe(false);
  });

  it('stays incremental under --full-refresh when the model pins full_refresh: false', () => {
    expect(
      isIncremental({
        materialized: 'incremental',
        existing: table,
        fullRefreshFlag: true,
        configFullRefresh: false,
      }),
    ).toBe(true);
  });

  it('is exactly dbt rule: incremental, a table exists, and no effective full refresh', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('incremental', 'table', 'view'),
        fc.constantFrom(undefined, 'table' as const, 'view' as const),
        fc.boolean(),
        fc.option(fc.boolean(), { nil: undefined }),
        (materialized, type, flag, pinned) => {
          const facts = {
            materialized,
            existing: type === undefined ? undefined : { type },
            fullRefreshFlag: flag,
            configFullRefresh: pinned,
          };
          const expected = materialized === 'incremental' && type === 'table' && !(pinned ?? flag);
          expect(isIncremental(facts)).toBe(expected);
        },
      ),
    );
  });
});
