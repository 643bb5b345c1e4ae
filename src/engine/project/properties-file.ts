/**
 * The shape of a properties YAML file (`schema.yml`: models, seeds, snapshots, sources and
 * exposures with their columns and tests) after its JSON Schema has accepted it, and the
 * conversions from its snake_case entries to node fields.
 */
import type { ColumnSpec, FreshnessRule, FreshnessSpec, MetricSpec, PiiTag } from './nodes.js';

export interface ColumnProperties {
  name: string;
  description?: string;
  data_type?: string;
  meta?: Record<string, unknown>;
  tags?: string[];
  pii?: PiiTag;
  tests?: unknown[];
  data_tests?: unknown[];
}

export interface ResourceProperties {
  name: string;
  description?: string;
  config?: Record<string, unknown>;
  meta?: Record<string, unknown>;
  tags?: string | string[];
  columns?: ColumnProperties[];
  tests?: unknown[];
  data_tests?: unknown[];
  relation?: string;
  metric?: {
    id?: string;
    label: string;
    definition: string;
    formula: string;
    grain: string;
    standard?: string;
    unit?: string;
  };
}

export interface RawFreshness {
  warn_after?: { count?: number | null; period?: FreshnessRule['period'] | null };
  error_after?: { count?: number | null; period?: FreshnessRule['period'] | null };
  filter?: string;
}

export interface SourceTableProperties {
  name: string;
  identifier?: string;
  description?: string;
  meta?: Record<string, unknown>;
  tags?: string[];
  config?: Record<string, unknown>;
  loaded_at_field?: string;
  freshness?: RawFreshness | null;
  columns?: ColumnProperties[];
  tests?: unknown[];
  data_tests?: unknown[];
}

export interface SourceProperties {
  name: string;
  description?: string;
  database?: string;
  catalog?: string;
  schema?: string;
  meta?: Record<string, unknown>;
  tags?: string[];
  config?: Record<string, unknown>;
  loaded_at_field?: string;
  freshness?: RawFreshness | null;
  tables?: SourceTableProperties[];
}

export interface ExposureProperties {
  name: string;
  label?: string;
  type: string;
  maturity?: string;
  url?: string;
  description?: string;
  tags?: string[];
  meta?: Record<string, unknown>;
  config?: Record<string, unknown>;
  owner?: Record<string, unknown>;
  depends_on: string[];
}

export interface PropertiesFile {
  models?: ResourceProperties[];
  seeds?: ResourceProperties[];
  snapshots?: ResourceProperties[];
  sources?: SourceProperties[];
  exposures?: ExposureProperties[];
}

/** Converts a YAML freshness block; a rule with a null count or period is no rule. */
export function toFreshness(raw: RawFreshness): FreshnessSpec | undefined {
  const rule = (r: RawFreshness['warn_after']): FreshnessRule | undefined =>
    r && typeof r.count === 'number' && r.period ? { count: r.count, period: r.period } : undefined;
  const warnAfter = rule(raw.warn_after);
  const errorAfter = rule(raw.error_after);
  if (!warnAfter && !errorAfter) return undefined;
  return {
    ...(warnAfter ? { warnAfter } : {}),
    ...(errorAfter ? { errorAfter } : {}),
    ...(raw.filter ? { filter: raw.filter } : {}),
  };
}

export function toMetric(raw: NonNullable<ResourceProperties['metric']>): MetricSpec {
  return { ...raw };
}

/** Column entries as node columns; `describe` resolves `doc()` references in descriptions. */
export function columnSpecs(
  columns: readonly ColumnProperties[] | undefined,
  describe: (text: string | undefined) => string,
): Record<string, ColumnSpec> {
  const out: Record<string, ColumnSpec> = {};
  for (const column of columns ?? []) {
    const meta = column.meta ?? {};
    const pii = column.pii ?? (typeof meta.pii === 'string' ? (meta.pii as PiiTag) : undefined);
    out[column.name] = {
      name: column.name,
      description: describe(column.description),
      ...(column.data_type ? { dataType: column.data_type } : {}),
      meta,
      tags: column.tags ?? [],
      ...(pii ? { pii } : {}),
    };
  }
  return out;
}
