/** Small source specs for tests, built in code and run through the real spec edge. */
import { parseSourceSpec } from '../spec/load-spec.js';
import { resolveSource } from '../spec/resolve-source.js';
import type { ResolvedSource } from '../spec/resolved-source.js';
import type { SourceSpec } from '../spec/source-spec.js';
import { stringify } from 'yaml';

export const TEST_ENV = {
  TEST_CLIENT_ID: 'client-id-123',
  TEST_CLIENT_SECRET: 'client-secret-abcdef',
  TEST_REFRESH_TOKEN: 'refresh-token-000',
  TEST_USER: 'isu-user',
  TEST_PASSWORD: 'isu-password-xyz',
};

/** A spec with one stream `items`; `patch` is merged at the top level. */
export function testSpec(patch: Record<string, unknown> = {}): SourceSpec {
  const base: Record<string, unknown> = {
    name: 'fake',
    parameters: { base_url: { default: 'https://api.example.test/v1' } },
    base_url: '{base_url}',
    auth: {
      kind: 'oauth2_client_credentials',
      token_url: 'https://auth.example.test/token',
      client_id_env: 'TEST_CLIENT_ID',
      client_secret_env: 'TEST_CLIENT_SECRET',
    },
    rate_limit: { requests: 1000, per: '1s' },
    retry: {
      max_attempts: 5,
      base_delay: '100ms',
      max_delay: '2s',
      max_total_delay: '1m',
      timeout: '5s',
    },
    streams: {
      items: { path: '/items', primary_key: ['id'], pagination: { kind: 'none' } },
    },
  };
  return parseSourceSpec(stringify({ ...base, ...patch }), 'fake.yaml');
}

export function resolvedTestSpec(
  patch: Record<string, unknown> = {},
  overrides = {},
): ResolvedSource {
  return resolveSource(testSpec(patch), overrides, TEST_ENV);
}
