import { describe, expect, it } from 'vitest';
import { Redactor } from './redact.js';

describe('Redactor', () => {
  it('masks registered secrets wherever they appear', () => {
    const r = new Redactor();
    r.add('s3cr3t-value');
    expect(r.redact('token request failed for s3cr3t-value (retry s3cr3t-value)')).toBe(
      'token request failed for *** (retry ***)',
    );
  });

  it('masks sensitive query parameters and JSON keys but keeps the rest', () => {
    const r = new Redactor();
    expect(r.redact('POST /token?grant_type=refresh_token&refresh_token=abc123xyz&x=1')).toBe(
      'POST /token?grant_type=refresh_token&refresh_token=***&x=1',
    );
    expect(r.redact('{"access_token":"eyJhbGciOi","expires_at":"2026-01-01"}')).toBe(
      '{"access_token":"***","expires_at":"2026-01-01"}',
    );
  });

  it('masks Authorization header values', () => {
    const r = new Redactor();
    expect(r.redact('Authorization: Bearer abcdefghijklmnop')).toBe('Authorization: Bearer ***');
    expect(r.redact('Authorization: Basic dXNlcjpwYXNzd29yZA==')).toBe('Authorization: Basic ***');
  });

  it('ignores values too short to be secrets', () => {
    const r = new Redactor();
    r.add('ab');
    expect(r.redact('abc')).toBe('abc');
  });
});
