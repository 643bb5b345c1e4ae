import { describe, expect, it } from 'vitest';
import type { User } from '../auth/user.js';
import type { PolicySettings } from '../config/serve-config.js';
import { accessTo } from './access.js';
import type { TableColumns } from './access.js';

const policies: PolicySettings = {
  adminGroups: ['admin'],
  minGroupSize: 5,
  rowFilters: [
    {
      name: 'hrbp',
      groups: ['hrbp'],
      column: 'business_unit',
      op: 'in',
      attribute: 'business_units',
      exceptTables: ['hrflow.jobs'],
    },
  ],
  columnMasks: [
    { pii: ['ssn', 'dob'], exceptGroups: ['privacy'], allowAggregates: false },
    { pii: ['eeo'], exceptGroups: [], allowAggregates: true },
  ],
};
const workers: TableColumns = new Map([
  ['worker_id', undefined],
  ['business_unit', undefined],
  ['ssn', 'ssn'],
  ['gender', 'eeo'],
] as const);
const user = (groups: string[], attributes: User['attributes'] = {}): User => ({
  name: 'u',
  groups,
  attributes,
  via: 'session',
});

describe('accessTo', () => {
  it('gives admins every row and column without suppression', () => {
    expect(accessTo(user(['admin', 'hrbp']), 'gold.w', workers, policies)).toMatchObject({
      kind: 'allowed',
      admin: true,
      rowFilters: [],
      minGroupSize: 1,
    });
  });

  it("binds an HRBP's business units and masks tagged columns", () => {
    const access = accessTo(
      user(['hrbp'], { business_units: ['Sales', 'Ops'] }),
      'gold.w',
      workers,
      policies,
    );
    expect(access.kind === 'allowed' && access.rowFilters).toEqual([
      { rule: 'hrbp', column: 'business_unit', values: ['Sales', 'Ops'] },
    ]);
    expect(access.kind === 'allowed' && [...access.masked]).toEqual([
      ['ssn', { tag: 'ssn', aggregatesAllowed: false }],
      ['gender', { tag: 'eeo', aggregatesAllowed: true }],
    ]);
  });

  it('lets nothing through when the user has no attribute values', () => {
    const access = accessTo(user(['hrbp']), 'gold.w', workers, policies);
    expect(access.kind === 'allowed' && access.rowFilters[0]?.values).toEqual([]);
  });

  it('refuses a table without the filter column unless it is excepted', () => {
    const noUnit: TableColumns = new Map([['job_id', undefined]]);
    expect(accessTo(user(['hrbp']), 'bronze._api_calls', noUnit, policies).kind).toBe('denied');
    expect(accessTo(user(['hrbp']), 'hrflow.jobs', noUnit, policies).kind).toBe('allowed');
  });

  it('unmasks for an excepted group only the tags of that rule', () => {
    const access = accessTo(user(['privacy']), 'gold.w', workers, policies);
    expect(access.kind === 'allowed' && [...access.masked.keys()]).toEqual(['gender']);
  });
});
