/**
 * What a spec produces, in the engine's vocabulary: one dbt-style source table per stream, so
 * models can write `source('greenhouse', 'candidates')` and get `bronze.greenhouse_candidates`,
 * with `pulled_at` as the loaded-at field, the spec's freshness, and PII tags per payload field.
 * Pure: reads the spec only, needs no environment.
 */
import { HrflowError } from '../core/errors.js';
import { BRONZE_SCHEMA, STREAM_COLUMNS } from './landing/bronze-tables.js';
import { parseDuration } from './spec/duration.js';
import type { FreshnessSpec, SourceSpec, StreamSpec } from './spec/source-spec.js';

/** dbt's freshness threshold shape. */
export interface FreshnessThreshold {
  readonly count: number;
  readonly period: 'minute' | 'hour' | 'day';
}

export interface SourceTableField {
  /** Dotted path inside `payload`. */
  readonly path: string;
  /** JSON Schema type(s), when the stream's schema declares them. */
  readonly type: string | undefined;
  readonly description: string | undefined;
  readonly pii: readonly string[];
}

export interface SourceTable {
  readonly source: string;
  /** The stream name: `source('<source>', '<name>')`. */
  readonly name: string;
  readonly description: string | undefined;
  readonly relation: { readonly schema: string; readonly identifier: string };
  readonly loadedAtField: 'pulled_at';
  readonly freshness:
    | { readonly warnAfter?: FreshnessThreshold; readonly errorAfter?: FreshnessThreshold }
    | undefined;
  /** Payload fields identifying a record (`$parent.` parts name the parent's fields). */
  readonly primaryKey: readonly string[];
  /** The bronze table's physical columns. */
  readonly columns: readonly {
    readonly name: string;
    readonly type: string;
    readonly description: string;
  }[];
  /** Payload fields known from the stream's schema and PII tags. */
  readonly fields: readonly SourceTableField[];
  /** Every PII tag used by the stream's fields. */
  readonly piiTags: readonly string[];
  /** False when the stream is disabled by default (it may still be selected explicitly). */
  readonly enabledByDefault: boolean;
}

export function sourceTablesOf(spec: SourceSpec): SourceTable[] {
  return Object.entries(spec.streams).map(([name, stream]) => {
    const fields = fieldsOf(stream);
    return {
      source: spec.name,
      name,
      description: stream.description,
      relation: { schema: BRONZE_SCHEMA, identifier: `${spec.name}_${name}` },
      loadedAtField: 'pulled_at',
      freshness: freshnessOf(stream.freshness ?? spec.freshness, `${spec.name}.${name}`),
      primaryKey: stream.primary_key,
      columns: STREAM_COLUMNS,
      fields,
      piiTags: [...new Set(fields.flatMap((f) => f.pii))].sort(),
      enabledByDefault:
        stream.enabled !== false &&
        !(typeof stream.enabled === 'string' && defaultOf(spec, stream.enabled) === 'false'),
    };
  });
}

function fieldsOf(stream: StreamSpec): SourceTableField[] {
  const pii = stream.pii ?? {};
  const props = (stream.schema?.properties ?? {}) as Record<
    string,
    { type?: unknown; description?: unknown }
  >;
  const paths = new Set([...Object.keys(props), ...Object.keys(pii)]);
  return [...paths].sort().map((path) => {
    const prop = props[path];
    const type = prop?.type;
    return {
      path,
      type: Array.isArray(type) ? type.join('|') : typeof type === 'string' ? type : undefined,
      description: typeof prop?.description === 'string' ? prop.description : undefined,
      pii: pii[path] ?? [],
    };
  });
}

function freshnessOf(f: FreshnessSpec | undefined, where: string): SourceTable['freshness'] {
  if (!f) return undefined;
  return {
    ...(f.warn_after ? { warnAfter: threshold(f.warn_after, where) } : {}),
    ...(f.error_after ? { errorAfter: threshold(f.error_after, where) } : {}),
  };
}

function threshold(text: string, where: string): FreshnessThreshold {
  const ms = parseDuration(text, `${where}.freshness`);
  if (ms % 86_400_000 === 0) return { count: ms / 86_400_000, period: 'day' };
  if (ms % 3_600_000 === 0) return { count: ms / 3_600_000, period: 'hour' };
  if (ms % 60_000 === 0) return { count: ms / 60_000, period: 'minute' };
  throw new HrflowError(
    'source-spec-invalid',
    `${where}.freshness: '${text}' is not whole minutes`,
    {
      hint: 'Freshness thresholds are counted in minutes, hours or days.',
    },
  );
}

function defaultOf(spec: SourceSpec, template: string): string | undefined {
  const match = /^\{([a-z][a-z0-9_]*)\}$/.exec(template.trim());
  return match
    ? spec.parameters?.[match[1] ?? '']?.default.trim().toLowerCase()
    : template.trim().toLowerCase();
}
