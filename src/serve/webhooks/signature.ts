/**
 * Greenhouse signs each delivery with `Signature: sha256 <lowercase hex>`: HMAC-SHA256 keyed with
 * the webhook's secret over the raw request body (a space after the algorithm, not `=`). The
 * check runs on the bytes as received and compares in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** True when `header` carries the body's HMAC under `secret`. */
export function verifySignature(
  body: Uint8Array,
  header: string | undefined,
  secret: string,
): boolean {
  if (!header || secret === '') return false;
  const match = /^sha256 ([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(match[1].toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The header value for `body`, for tests and the sandbox. */
export function signBody(body: Uint8Array | string, secret: string): string {
  return `sha256 ${createHmac('sha256', secret).update(body).digest('hex')}`;
}
