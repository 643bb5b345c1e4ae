/**
 * Reading DuckDB's serialized parse tree (`json_serialize_sql`). The tree is DuckDB's own output,
 * but its shape follows DuckDB's C++ classes and changes between versions, so nothing here casts
 * it: every read checks the type it expects and a missing or odd field reads as absent. The
 * tracer then reports the construct it cannot follow instead of guessing.
 */

/** One JSON object of the tree: a query node, a table reference or an expression. */
export type AstObject = Readonly<Record<string, unknown>>;

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is AstObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field, or `''` when absent. */
export function str(node: AstObject, key: string): string {
  const value = node[key];
  return typeof value === 'string' ? value : '';
}

/** An object field, or undefined. */
export function obj(node: AstObject, key: string): AstObject | undefined {
  const value = node[key];
  return isObject(value) ? value : undefined;
}

/** The objects of an array field; other elements are skipped. */
export function objects(node: AstObject, key: string): AstObject[] {
  const value = node[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The strings of an array field; other elements are skipped. */
export function strings(node: AstObject, key: string): string[] {
  const value = node[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** `{"map": [{"key": …, "value": …}]}` entries, as DuckDB writes its ordered maps. */
export function mapEntries(node: AstObject | undefined): { key: string; value: AstObject }[] {
  if (!node) return [];
  return objects(node, 'map').flatMap((entry) => {
    const value = obj(entry, 'value');
    const key = entry.key;
    return typeof key === 'string' && value ? [{ key, value }] : [];
  });
}

/** What `json_serialize_sql` returned for one SQL text. */
export type SerializedSql =
  | { readonly ok: true; readonly statements: readonly AstObject[] }
  | { readonly ok: false; readonly message: string };

/** Interprets the JSON text `json_serialize_sql` returned. */
export function readSerializedSql(json: string): SerializedSql {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, message: 'DuckDB returned a parse tree that is not JSON' };
  }
  if (!isObject(parsed)) return { ok: false, message: 'DuckDB returned an empty parse tree' };
  if (parsed.error === true) {
    const message = str(parsed, 'error_message') || 'DuckDB could not parse the SQL';
    const position = str(parsed, 'position');
    return { ok: false, message: position ? `${message} (at character ${position})` : message };
  }
  const statements = objects(parsed, 'statements')
    .map((s) => obj(s, 'node'))
    .filter((n): n is AstObject => n !== undefined);
  return { ok: true, statements };
}
