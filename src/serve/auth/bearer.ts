/**
 * Bearer tokens from an identity provider: a JWT checked with `jose` against keys held locally
 * (a JWKS file or inline keys; hrflow fetches nothing), for issuer, audience, expiry and the
 * allowed algorithms. Claims become a {@link User}.
 */
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTPayload } from 'jose';
import type { AttributeValue, OidcSettings } from '../config/serve-config.js';
import type { User } from './user.js';

export type BearerVerifier = (token: string) => Promise<User | undefined>;

/** A verifier for `settings`; resolves undefined for any token that does not check out. */
export function bearerVerifier(settings: OidcSettings, now: () => number): BearerVerifier {
  const keys = createLocalJWKSet(settings.jwks as unknown as JSONWebKeySet);
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: [...settings.algorithms],
        currentDate: new Date(now()),
        requiredClaims: ['exp'],
      }));
    } catch {
      return undefined;
    }
    const name = payload[settings.usernameClaim];
    if (typeof name !== 'string' || name === '') return undefined;
    const attributes: Record<string, AttributeValue> = {};
    for (const [attribute, claim] of Object.entries(settings.attributeClaims)) {
      const value = attributeValue(payload[claim]);
      if (value !== undefined) attributes[attribute] = value;
    }
    return { name, groups: stringList(payload[settings.groupsClaim]), attributes, via: 'bearer' };
  };
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function attributeValue(value: unknown): AttributeValue | undefined {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) {
    return value.filter((v): v is string | number => ['string', 'number'].includes(typeof v));
  }
  return undefined;
}
