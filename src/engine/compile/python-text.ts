/**
 * Values as Python prints them. dbt's templates run on Python, so `{{ flag }}` prints `True`,
 * `{{ ['a', 'b'] }}` prints `['a', 'b']` and generic test names spell `quote: false` as `False`;
 * hrflow prints the same, so SQL and names come out identical.
 */

/** Python's `str()`: text as is, everything else as {@link pythonRepr}. */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/**
 * Python's `repr()` for the values YAML and templates produce: booleans, null, numbers, text
 * (single-quoted unless it holds a single quote and no double one), lists and plain maps.
 * Any other object prints through its own `toString`, as relations and safe strings do.
 */
export function pythonRepr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([key]) => key !== '__keywords');
    return `{${entries.map(([k, v]) => `${quote(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  }
  return (value as { toString(): string }).toString();
}

/** True for `{...}` literals and parsed YAML maps, false for class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function quote(text: string): string {
  const useDouble = text.includes("'") && !text.includes('"');
  const q = useDouble ? '"' : "'";
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .split(q)
    .join(`\\${q}`);
  return `${q}${escaped}${q}`;
}
