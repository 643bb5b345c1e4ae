/** Picks the auth strategy a resolved source asks for. */
import type { Clock } from '../../core/clock.js';
import { HrflowError } from '../../core/errors.js';
import type { ResolvedSource } from '../spec/resolved-source.js';
import type { AuthStrategy, CredentialStore, TokenFetcher } from './auth-strategy.js';
import { clientCredentialsAuth, refreshTokenAuth } from './oauth2.js';
import { basicAuth, bearerAuth } from './static-auth.js';

export interface AuthDeps {
  readonly fetch: TokenFetcher;
  readonly clock: Clock;
  readonly store: CredentialStore;
}

export function createAuth(source: ResolvedSource, deps: AuthDeps): AuthStrategy {
  const auth = source.auth;
  const oauth = {
    source: source.name,
    fetch: deps.fetch,
    clock: deps.clock,
    ...(source.hints.auth ? { hint: source.hints.auth } : {}),
  };
  switch (auth.kind) {
    case 'oauth2_client_credentials':
      return clientCredentialsAuth(auth, oauth);
    case 'oauth2_refresh_token':
      return refreshTokenAuth(auth, { ...oauth, store: deps.store });
    case 'basic':
      return basicAuth(auth);
    case 'bearer':
      return bearerAuth(auth);
    default: {
      const never: never = auth;
      throw new HrflowError('internal', `unhandled auth ${JSON.stringify(never)}`);
    }
  }
}
