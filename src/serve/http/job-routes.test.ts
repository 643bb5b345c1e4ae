import { describe, expect, it } from 'vitest';
import { parseSpec } from './job-routes.js';

describe('parseSpec', () => {
  it('takes the records a sync should read, by source.stream', () => {
    expect(
      parseSpec({
        kind: 'sync',
        select: ['greenhouse.candidates'],
        syncRecords: { 'greenhouse.candidates': ['101', '102'] },
      }),
    ).toEqual({
      kind: 'sync',
      select: ['greenhouse.candidates'],
      syncRecords: { 'greenhouse.candidates': ['101', '102'] },
      fullRefresh: false,
      failFast: false,
    });
  });

  it('says what is wrong with records that are not ids by source.stream', () => {
    for (const syncRecords of [
      ['101'],
      { candidates: ['101'] },
      { 'greenhouse.candidates': 101 },
    ]) {
      expect(parseSpec({ kind: 'sync', syncRecords })).toBe(
        'syncRecords must map source.stream to a list of ids',
      );
    }
  });
});
