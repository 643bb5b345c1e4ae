/**
 * From artifacts to what the site shows: one entry per source, seed, model, snapshot, test and
 * exposure, with its warehouse columns, last run, freshness and tests joined in. Pure.
 */
import type { NamedSelector } from '../engine/select/selector-tree.js';
import type { Artifacts, CatalogEntry, ManifestEntry } from './artifacts.js';
import type { LineageSubject, NodeLineage } from './lineage/column-lineage.js';
import { LAYERS, SITE_KINDS } from './site-data.js';
import type {
  FreshnessState,
  Layer,
  LastRun,
  MetricDefinition,
  SiteColumn,
  SiteData,
  SiteKind,
  SiteNode,
} from './site-data.js';

/** The CTE name under which compile inlines an ephemeral model. */
export const INLINED_PREFIX = '__dbt__cte__';

/** What the site shows besides the artifacts. */
export interface SiteExtras {
  /** Compiled SQL by node id, freshly rendered; run_results' SQL fills the gaps. */
  readonly compiled: ReadonlyMap<string, string>;
  readonly lineage: ReadonlyMap<string, NodeLineage>;
  readonly selectors: readonly NamedSelector[];
  readonly generatedAt: Date;
}

/** Joins the artifacts into one entry per resource; nodes sorted by kind, then label. */
export function buildSiteData(artifacts: Artifacts, extras: SiteExtras): SiteData {
  const { manifest, catalog, runResults, sources } = artifacts;
  const entries = manifestEntries(artifacts);
  const runs = new Map((runResults?.results ?? []).map((r) => [r.unique_id, r]));
  const freshness = new Map((sources?.results ?? []).map((r) => [r.unique_id, r]));
  const testsOf = new Map<string, string[]>();
  const columnTests = new Map<string, string[]>();
  for (const e of entries) {
    if (e.resource_type !== 'test') continue;
    const attached = e.attached_node ?? e.depends_on?.nodes?.[0];
    if (!attached) continue;
    testsOf.set(attached, [...(testsOf.get(attached) ?? []), e.unique_id]);
    if (e.column_name) {
      const key = `${attached}\u0000${e.column_name.toLowerCase()}`;
      columnTests.set(key, [...(columnTests.get(key) ?? []), e.unique_id]);
    }
  }

  const nodes: SiteNode[] = [];
  for (const e of entries) {
    const kind = siteKind(e.resource_type);
    if (!kind) continue;
    const cat = catalog?.nodes?.[e.unique_id] ?? catalog?.sources?.[e.unique_id];
    const run = runs.get(e.unique_id);
    const fresh = freshness.get(e.unique_id);
    const compiledCode = extras.compiled.get(e.unique_id) ?? run?.compiled_code ?? e.compiled_code;
    const lastRun: LastRun | undefined = run && {
      status: run.status,
      message: run.message ?? '',
      executionTime: run.execution_time ?? 0,
      ...completedAt(run.timing),
      ...(typeof run.failures === 'number' ? { failures: run.failures } : {}),
    };
    const rowCount = statNumber(cat, 'row_count');
    const node: SiteNode = {
      id: e.unique_id,
      kind,
      name: e.name,
      label: labelOf(e, kind),
      packageName: e.package_name ?? '',
      fqn: e.fqn ?? [e.name],
      path: e.original_file_path ?? '',
      ...(e.patch_path ? { patchPath: e.patch_path.replace(/^[^:]*:\/\//, '') } : {}),
      layer: layerOf(e, kind),
      folder: folderOf(e, kind),
      description: e.description ?? '',
      tags: e.tags ?? [],
      config: e.config ?? {},
      meta: withoutMetric(e.meta ?? {}),
      checksum: e.checksum?.checksum ?? '',
      ...(e.relation_name ? { relation: e.relation_name } : {}),
      ...(e.database ? { database: e.database } : {}),
      ...(e.schema ? { schema: e.schema } : {}),
      columns: columnsOf(e, cat, columnTests),
      dependsOn: e.depends_on?.nodes ?? [],
      ...(e.raw_code ? { rawCode: e.raw_code } : {}),
      ...(compiledCode ? { compiledCode } : {}),
      ...(rowCount !== undefined ? { rowCount } : {}),
      ...(cat?.metadata?.type ? { tableType: cat.metadata.type } : {}),
      ...(lastRun ? { lastRun } : {}),
      tests: testsOf.get(e.unique_id) ?? [],
      ...metricOf(e),
      ...(kind === 'source'
        ? {
            source: {
              sourceName: e.source_name ?? '',
              sourceDescription: e.source_description ?? '',
              ...(e.loaded_at_field ? { loadedAtField: e.loaded_at_field } : {}),
              ...freshnessOf(e, fresh),
            },
          }
        : {}),
      ...(kind === 'test'
        ? {
            test: {
              ...(e.attached_node ? { attachedNode: e.attached_node } : {}),
              ...(e.column_name ? { columnName: e.column_name } : {}),
              ...(e.test_metadata?.name ? { testName: e.test_metadata.name } : {}),
              ...(e.test_metadata?.kwargs ? { kwargs: e.test_metadata.kwargs } : {}),
              ...(typeof e.config?.severity === 'string' ? { severity: e.config.severity } : {}),
            },
          }
        : {}),
      ...(kind === 'exposure'
        ? {
            exposure: {
              type: e.type ?? '',
              label: e.label ?? e.name,
              ...(e.url ? { url: e.url } : {}),
              ...(e.maturity ? { maturity: e.maturity } : {}),
              owner: e.owner ?? {},
            },
          }
        : {}),
    };
    nodes.push(node);
  }
  nodes.sort(
    (a, b) =>
      SITE_KINDS.indexOf(a.kind) - SITE_KINDS.indexOf(b.kind) || a.label.localeCompare(b.label),
  );

  return {
    project: {
      name: manifest.metadata?.project_name ?? '',
      generatedAt: extras.generatedAt.toISOString(),
      generator: manifest.metadata?.dbt_version ?? '',
      artifacts: {
        catalog: catalog !== undefined,
        runResults: runResults !== undefined,
        sources: sources !== undefined,
      },
      ...(runResults?.metadata?.generated_at
        ? { lastRunAt: runResults.metadata.generated_at }
        : {}),
      ...(sources?.metadata?.generated_at
        ? { freshnessCheckedAt: sources.metadata.generated_at }
        : {}),
    },
    nodes,
    lineage: Object.fromEntries(extras.lineage),
    selectors: extras.selectors,
  };
}

/** What column lineage needs from the artifacts, with the SQL to trace. */
export function lineageSubjects(
  artifacts: Artifacts,
  compiled: ReadonlyMap<string, string>,
): LineageSubject[] {
  const runs = new Map((artifacts.runResults?.results ?? []).map((r) => [r.unique_id, r]));
  const out: LineageSubject[] = [];
  for (const e of manifestEntries(artifacts)) {
    const kind = e.resource_type;
    if (kind !== 'model' && kind !== 'snapshot' && kind !== 'seed' && kind !== 'source') continue;
    const cat =
      artifacts.catalog?.nodes?.[e.unique_id] ?? artifacts.catalog?.sources?.[e.unique_id];
    const ephemeral = e.config?.materialized === 'ephemeral';
    const identifier = kind === 'source' ? (e.identifier ?? e.name) : (e.alias ?? e.name);
    const sql =
      kind === 'model' || kind === 'snapshot'
        ? (compiled.get(e.unique_id) ?? runs.get(e.unique_id)?.compiled_code ?? e.compiled_code)
        : undefined;
    const catalogColumns = cat?.columns ? orderedColumns(cat).map((c) => c.name) : undefined;
    out.push({
      id: e.unique_id,
      kind,
      ...(!ephemeral && e.schema
        ? { relation: { catalog: e.database ?? '', schema: e.schema, identifier } }
        : {}),
      ...(ephemeral ? { inlinedAs: `${INLINED_PREFIX}${e.name}` } : {}),
      ...(catalogColumns ? { catalogColumns } : {}),
      ...(sql ? { compiledSql: sql } : {}),
      dependsOn: e.depends_on?.nodes ?? [],
    });
  }
  return out;
}

function manifestEntries(artifacts: Artifacts): ManifestEntry[] {
  const { manifest } = artifacts;
  return [
    ...Object.values(manifest.sources ?? {}),
    ...Object.values(manifest.nodes),
    ...Object.values(manifest.exposures ?? {}),
  ];
}

function siteKind(resourceType: string): SiteKind | undefined {
  return SITE_KINDS.find((k) => k === resourceType);
}

function labelOf(e: ManifestEntry, kind: SiteKind): string {
  if (kind === 'source') return `${e.source_name ?? ''}.${e.name}`;
  if (kind === 'test' || kind === 'exposure') return e.name;
  const schema = e.schema ?? '';
  const alias = e.alias ?? e.name;
  return e.config?.materialized === 'ephemeral' || !schema ? e.name : `${schema}.${alias}`;
}

const MEDALLION: readonly Layer[] = ['bronze', 'silver', 'gold'];

/** The layer by schema first, then by the first folder of the node's path. */
function layerOf(e: ManifestEntry, kind: SiteKind): Layer {
  if (kind === 'exposure') return 'exposure';
  const schema = (e.schema ?? '').toLowerCase();
  const bySchema = MEDALLION.find((l) => schema === l || schema.endsWith(`_${l}`));
  if (bySchema) return bySchema;
  const folders = (e.fqn ?? []).slice(1, -1).map((f) => f.toLowerCase());
  const byFolder = MEDALLION.find((l) => folders.includes(l));
  if (byFolder) return byFolder;
  if (kind === 'source') return 'source';
  return LAYERS.includes(schema as Layer) ? (schema as Layer) : 'other';
}

function folderOf(e: ManifestEntry, kind: SiteKind): string {
  if (kind === 'source') return `sources/${e.source_name ?? ''}`;
  if (kind === 'exposure') return 'exposures';
  const path = e.original_file_path ?? '';
  const parts = path.split('/');
  return parts.slice(0, -1).join('/');
}

function columnsOf(
  e: ManifestEntry,
  cat: CatalogEntry | undefined,
  columnTests: ReadonlyMap<string, readonly string[]>,
): SiteColumn[] {
  const documented = new Map(
    Object.values(e.columns ?? {}).map((c) => [c.name.toLowerCase(), c] as const),
  );
  const warehouse = cat ? orderedColumns(cat) : [];
  const out: SiteColumn[] = [];
  const seen = new Set<string>();
  const add = (name: string, type: string | undefined, inWarehouse: boolean) => {
    const key = name.toLowerCase();
    seen.add(key);
    const doc = documented.get(key);
    const pii = doc?.meta?.pii;
    out.push({
      name,
      ...(type ? { type } : doc?.data_type ? { type: doc.data_type } : {}),
      description: doc?.description ?? '',
      ...(typeof pii === 'string' ? { pii } : {}),
      tags: doc?.tags ?? [],
      tests: columnTests.get(`${e.unique_id}\u0000${key}`) ?? [],
      inWarehouse,
      documented: doc !== undefined,
    });
  };
  for (const c of warehouse) add(c.name, c.type, true);
  for (const c of documented.values()) {
    if (!seen.has(c.name.toLowerCase())) add(c.name, undefined, cat === undefined);
  }
  return out;
}

function orderedColumns(cat: CatalogEntry): { name: string; type?: string }[] {
  return Object.values(cat.columns ?? {})
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.c.index ?? a.i) - (b.c.index ?? b.i))
    .map(({ c }) => ({ name: c.name, ...(c.type ? { type: c.type } : {}) }));
}

function statNumber(cat: CatalogEntry | undefined, key: string): number | undefined {
  const value = cat?.stats?.[key]?.value;
  return typeof value === 'number' ? value : undefined;
}

function completedAt(
  timing: readonly { readonly name?: string; readonly completed_at?: string }[] | undefined,
): { completedAt?: string } {
  const last = (timing ?? []).filter((t) => t.completed_at).pop();
  return last?.completed_at ? { completedAt: last.completed_at } : {};
}

function metricOf(e: ManifestEntry): { metric?: MetricDefinition } {
  const raw = e.meta?.metric;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const field = (k: string): string | undefined => {
    const v: unknown = (raw as Record<string, unknown>)[k];
    return typeof v === 'string' ? v : undefined;
  };
  const label = field('label');
  const definition = field('definition');
  if (!label || !definition) return {};
  const standard = field('standard');
  const unit = field('unit');
  return {
    metric: {
      label,
      definition,
      formula: field('formula') ?? '',
      grain: field('grain') ?? '',
      ...(standard ? { standard } : {}),
      ...(unit ? { unit } : {}),
    },
  };
}

function withoutMetric(meta: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { metric: _metric, ...rest } = meta;
  return rest;
}

function freshnessOf(
  e: ManifestEntry,
  result:
    | {
        status: string;
        max_loaded_at?: string | null;
        snapshotted_at?: string | null;
        max_loaded_at_time_ago_in_s?: number | null;
        error?: string;
      }
    | undefined,
): { freshness?: FreshnessState } {
  const rule = (r: { count?: number | null; period?: string | null } | null | undefined) =>
    r && typeof r.count === 'number' && r.period
      ? `${r.count} ${r.period}${r.count === 1 ? '' : 's'}`
      : undefined;
  const warnAfter = rule(e.freshness?.warn_after);
  const errorAfter = rule(e.freshness?.error_after);
  if (!result && !warnAfter && !errorAfter) return {};
  return {
    freshness: {
      status: result?.status ?? 'not checked',
      ...(result?.max_loaded_at ? { maxLoadedAt: result.max_loaded_at } : {}),
      ...(typeof result?.max_loaded_at_time_ago_in_s === 'number'
        ? { ageSeconds: result.max_loaded_at_time_ago_in_s }
        : {}),
      ...(result?.snapshotted_at ? { checkedAt: result.snapshotted_at } : {}),
      ...(result?.error ? { error: result.error } : {}),
      ...(warnAfter ? { warnAfter } : {}),
      ...(errorAfter ? { errorAfter } : {}),
    },
  };
}
