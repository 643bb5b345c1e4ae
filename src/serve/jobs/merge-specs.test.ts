import { describe, expect, it } from 'vitest';
import type { JobSpec } from './job.js';
import { mergeSpecs } from './job-queue.js';

const base: JobSpec = {
  kind: 'sync+build',
  select: ['source:greenhouse.candidates+'],
  syncSelect: ['greenhouse.candidates'],
  fullRefresh: false,
  failFast: false,
};

describe('mergeSpecs', () => {
  it('unites selections and the records both jobs named', () => {
    const merged = mergeSpecs(
      { ...base, syncRecords: { 'greenhouse.candidates': ['1', '2'] } },
      {
        ...base,
        select: ['source:greenhouse.jobs+'],
        syncSelect: ['greenhouse.jobs'],
        syncRecords: { 'greenhouse.candidates': ['2', '3'], 'greenhouse.jobs': ['9'] },
      },
    );
    expect(merged).toEqual({
      ...base,
      select: ['source:greenhouse.candidates+', 'source:greenhouse.jobs+'],
      syncSelect: ['greenhouse.candidates', 'greenhouse.jobs'],
      syncRecords: { 'greenhouse.candidates': ['1', '2', '3'], 'greenhouse.jobs': ['9'] },
    });
  });

  it('drops named records when one job syncs whole windows', () => {
    const merged = mergeSpecs(
      { ...base, syncRecords: { 'greenhouse.candidates': ['1'] } },
      { ...base },
    );
    expect(merged.syncRecords).toBeUndefined();
  });
});
