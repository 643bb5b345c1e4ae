/**
 * Source freshness: the newest `loaded_at_field` of each source table against its
 * `warn_after` / `error_after`, as `hrflow source freshness` reports it and `sources.json`
 * records it.
 */
import type { ReadExecutor } from './adapters/adapter.js';
import type { Manifest } from './compile/manifest.js';
import { asHrflowError } from '../core/errors.js';
import type { FreshnessRule, NodeId, SourceNode } from './project/nodes.js';

export type FreshnessStatus = 'pass' | 'warn' | 'error' | 'runtime error';

export interface FreshnessResult {
  readonly id: NodeId;
  readonly source: SourceNode;
  readonly status: FreshnessStatus;
  readonly maxLoadedAt?: Date;
  readonly snapshottedAt: Date;
  /** Seconds between the newest row and now. */
  readonly ageSeconds?: number;
  readonly message: string;
  readonly executionTime: number;
}

const PERIOD_SECONDS = { minute: 60, hour: 3600, day: 86_400 } as const;

export function ruleSeconds(rule: FreshnessRule): number {
  return rule.count * PERIOD_SECONDS[rule.period];
}

/** The status for an age in seconds, error_after checked first. */
export function freshnessStatus(
  ageSeconds: number,
  rules: { warnAfter?: FreshnessRule; errorAfter?: FreshnessRule },
): FreshnessStatus {
  if (rules.errorAfter && ageSeconds > ruleSeconds(rules.errorAfter)) return 'error';
  if (rules.warnAfter && ageSeconds > ruleSeconds(rules.warnAfter)) return 'warn';
  return 'pass';
}

/** Checks every source in `ids` that declares freshness and a loaded_at_field. */
export async function checkFreshness(
  manifest: Manifest,
  ids: readonly NodeId[],
  executor: ReadExecutor,
  now: () => Date = () => new Date(),
): Promise<FreshnessResult[]> {
  const out: FreshnessResult[] = [];
  for (const id of ids) {
    const node = manifest.nodes.get(id)?.node;
    if (node?.kind !== 'source' || !node.freshness || !node.loadedAtField) continue;
    const started = Date.now();
    const snapshottedAt = now();
    const rel = manifest.dialect.renderRelation({
      catalog: node.catalog,
      schema: node.schema,
      identifier: node.identifier,
    });
    const where = node.freshness.filter ? ` WHERE ${node.freshness.filter}` : '';
    try {
      const lit = (text: string): string => manifest.dialect.quoteLiteral(text);
      const found = await executor.query(
        `SELECT 1 AS found FROM information_schema.tables WHERE table_catalog = ${lit(node.catalog)} AND table_schema = ${lit(node.schema)} AND table_name = ${lit(node.identifier)}`,
      );
      if (found.length === 0) {
        // A connector stream that is off unless a team turns it on has nothing to be fresh.
        if (node.meta.enabled_by_default === false) continue;
        out.push({
          id,
          source: node,
          status: 'runtime error',
          snapshottedAt,
          message: node.connector
            ? `${rel} does not exist: the stream has never been synced (hrflow sync ${node.connector.source}.${node.connector.stream})`
            : `${rel} does not exist: the source has never been loaded`,
          executionTime: (Date.now() - started) / 1000,
        });
        continue;
      }
      const rows = await executor.query<{ max_loaded_at: string | null }>(
        `SELECT strftime(max(${node.loadedAtField})::TIMESTAMPTZ AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ') AS max_loaded_at FROM ${rel}${where}`,
      );
      const raw = rows[0]?.max_loaded_at;
      const elapsed = (Date.now() - started) / 1000;
      if (!raw) {
        out.push({
          id,
          source: node,
          status: 'error',
          snapshottedAt,
          message: `${rel} has no rows`,
          executionTime: elapsed,
        });
        continue;
      }
      const maxLoadedAt = new Date(raw);
      const ageSeconds = Math.max(0, (snapshottedAt.getTime() - maxLoadedAt.getTime()) / 1000);
      const status = freshnessStatus(ageSeconds, node.freshness);
      out.push({
        id,
        source: node,
        status,
        maxLoadedAt,
        snapshottedAt,
        ageSeconds,
        message: `newest row ${formatAge(ageSeconds)} old`,
        executionTime: elapsed,
      });
    } catch (error) {
      out.push({
        id,
        source: node,
        status: 'runtime error',
        snapshottedAt,
        message: asHrflowError(error).message,
        executionTime: (Date.now() - started) / 1000,
      });
    }
  }
  return out;
}

export function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}

/** `sources.json` in dbt's v3 shape. */
export function sourcesJson(
  results: readonly FreshnessResult[],
  invocationId: string,
  generatedAt: Date,
  elapsed: number,
): Record<string, unknown> {
  const rule = (r: FreshnessRule | undefined) =>
    r ? { count: r.count, period: r.period } : { count: null, period: null };
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json',
      generated_at: generatedAt.toISOString(),
      invocation_id: invocationId,
      env: {},
    },
    results: results.map((r) => ({
      unique_id: r.id,
      max_loaded_at: r.maxLoadedAt?.toISOString() ?? null,
      snapshotted_at: r.snapshottedAt.toISOString(),
      max_loaded_at_time_ago_in_s: r.ageSeconds ?? null,
      status: r.status,
      criteria: {
        warn_after: rule(r.source.freshness?.warnAfter),
        error_after: rule(r.source.freshness?.errorAfter),
        filter: r.source.freshness?.filter ?? null,
      },
      adapter_response: {},
      timing: [],
      thread_id: 'Thread-1',
      execution_time: r.executionTime,
      ...(r.status === 'runtime error' ? { error: r.message } : {}),
    })),
    elapsed_time: elapsed,
  };
}
