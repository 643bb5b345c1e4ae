/**
 * Finding records in a parsed body, and reading dotted paths inside records. A path that ends on
 * an array yields its items; on an object, that one object (a single-resource endpoint or a SOAP
 * page with one worker); on nothing, no records.
 */
import { HrflowError } from '../../core/errors.js';

/**
 * The value at `path` inside `value`, or undefined. Numeric steps index arrays; step `0` on a
 * single object is that object, because XML turns one repeated element into an object and two
 * into an array (`ID.0` is the first ID either way).
 */
export function valueAtPath(value: unknown, path: readonly string[]): unknown {
  let cur = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (key === '0' && !Array.isArray(cur)) continue;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** The records at `path`; throws `source-record-invalid` when the body has another shape. */
export function selectRecords(body: unknown, path: readonly string[], where: string): unknown[] {
  const found = valueAtPath(body, path);
  if (Array.isArray(found)) return found;
  if (found === undefined || found === '' || found === null) {
    if (path.length > 0 && !hasParent(body, path)) {
      throw new HrflowError(
        'source-record-invalid',
        `${where}: the response has no '${path.join('.')}' (got ${describeShape(body)})`,
        { hint: "The API changed shape or the spec's records.path is wrong." },
      );
    }
    return [];
  }
  if (typeof found === 'object') return [found];
  throw new HrflowError(
    'source-record-invalid',
    `${where}: '${path.join('.') || '(body)'}' is a ${typeof found}, not records`,
    { hint: "The API changed shape or the spec's records.path is wrong." },
  );
}

/** Scalar value as the text used in keys and templates; objects as JSON. */
export function scalarText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value);
}

function hasParent(body: unknown, path: readonly string[]): boolean {
  const parent = valueAtPath(body, path.slice(0, -1));
  return parent !== null && typeof parent === 'object';
}

function describeShape(body: unknown): string {
  if (Array.isArray(body)) return 'an array';
  if (body !== null && typeof body === 'object') {
    return `an object with keys ${Object.keys(body).slice(0, 5).join(', ') || '(none)'}`;
  }
  return typeof body;
}
