import { describe, expect, it } from 'vitest';
import { HrflowError } from '../core/errors.js';
import { checkFaultSettings, parseFaultSpec } from './fault-spec.js';

describe('parseFaultSpec', () => {
  it('applies unprefixed faults to both servers and prefixed ones to one', () => {
    const faults = parseFaultSpec(
      '429=0.1,storm=5,wd.5xx=0.2,latency=150,gh.token-expiry=300,drift=0.01',
    );
    expect(faults.greenhouse).toEqual({
      rateLimitStorm: { probability: 0.1, durationSeconds: 5 },
      latencyMs: 150,
      tokenExpiryAfterCalls: 300,
      schemaDrift: { addedFieldRate: 0.01, missingFieldRate: 0.01 },
    });
    expect(faults.workday.serverErrorRate).toBe(0.2);
    expect(faults.workday.tokenExpiryAfterCalls).toBeUndefined();
  });

  it('rejects unknown names and rates above 1 as usage errors', () => {
    expect(() => parseFaultSpec('boom=1')).toThrow(HrflowError);
    expect(() => parseFaultSpec('5xx=2')).toThrow(/between 0 and 1/);
  });
});

describe('checkFaultSettings', () => {
  it('accepts documented settings and refuses unknown fields and out-of-range values', () => {
    expect(
      checkFaultSettings(
        { serverErrorRate: 0.5, schemaDrift: { addedFieldRate: 1 } },
        'greenhouse',
      ),
    ).toEqual({
      serverErrorRate: 0.5,
      schemaDrift: { addedFieldRate: 1 },
    });
    expect(() => checkFaultSettings({ serverErrorRat: 0.5 }, 'greenhouse')).toThrow(
      /serverErrorRat is not a fault setting/,
    );
    expect(() => checkFaultSettings({ serverErrorRate: 3 }, 'greenhouse')).toThrow(/from 0 to 1/);
    expect(() => checkFaultSettings([], 'workday')).toThrow(/must be an object/);
  });
});
