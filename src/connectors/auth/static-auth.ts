/** HTTP Basic and static bearer tokens: nothing to mint, nothing a retry after 401 can fix. */
import type { ResolvedBasicAuth, ResolvedBearerAuth } from '../spec/resolved-source.js';
import type { AuthStrategy, Credential } from './auth-strategy.js';

export function basicAuth(auth: ResolvedBasicAuth): AuthStrategy {
  const encoded = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
  const credential: Credential = { headers: { authorization: `Basic ${encoded}` }, generation: 0 };
  return { kind: 'basic', current: () => Promise.resolve(credential), invalidate: () => false };
}

export function bearerAuth(auth: ResolvedBearerAuth): AuthStrategy {
  const credential: Credential = {
    headers: { authorization: `Bearer ${auth.token}` },
    generation: 0,
  };
  return { kind: 'bearer', current: () => Promise.resolve(credential), invalidate: () => false };
}
