/**
 * hrflow's declarative REST connectors: one runtime executes any `sources/<name>.yaml` spec
 * (auth, pagination, rate limit, retries, streams) and lands raw records in bronze.
 *
 * For the engine and the CLI there are two entry points.
 *
 * `syncSources(options)` runs a sync and resolves to a {@link SyncSummary}:
 *
 * ```ts
 * const summary = await syncSources({
 *   warehouse,                       // an open Warehouse (catalog attached)
 *   specs: loadSourceSpecs('sources'),
 *   overrides: { greenhouse: { base_url: 'http://127.0.0.1:4010/v3' } }, // targets.<t>.sources
 *   env: process.env,                // secrets are read from the variables the specs name
 *   select: ['greenhouse.candidates', 'workday'],
 *   fullRefresh: false,
 *   reporter, logger, clock, runId,  // all optional
 * });
 * ```
 *
 * Each selected stream lands in `bronze.<source>_<stream>` (columns: source_system, entity,
 * source_id, pulled_at, run_id, payload, payload_hash, is_deleted, effective_date, entered_at,
 * load_seq). A row is added only when a record's payload differs from the latest row with the
 * same `(source_id, effective_date)`; deletions found by reconciliation are tombstones
 * (`is_deleted`, NULL payload). Incremental cursors live in `hrflow.source_state` and move in the
 * same transaction as the rows they cover. Records failing their schema go to
 * `bronze._quarantine`; every HTTP call is a row in `bronze._api_calls`. Failed streams are
 * results with `status: 'failed'` and an actionable error, never exceptions; only problems found
 * before any request (bad selector, missing environment variable, unknown override) throw.
 *
 * `sourceTablesOf(spec)` is pure and says which dbt-style source tables a spec produces, so the
 * engine can resolve `source('greenhouse', 'candidates')` to `bronze.greenhouse_candidates` with
 * `loaded_at_field: pulled_at`, the spec's freshness, and PII tags per payload field.
 *
 * `resolveSource(spec, overrides, env)` applies a target's parameter overrides and reads the
 * secrets; `loadSourceSpec(s)` reads and validates spec files against
 * `schemas/source-spec.schema.json`.
 */
export { syncSources, planSync } from './sync/sync-sources.js';
export type { SyncOptions } from './sync/sync-sources.js';
export type { StreamResult, StreamStatus, SyncSummary } from './sync/sync-result.js';
export { sourceTablesOf } from './source-tables.js';
export type { FreshnessThreshold, SourceTable, SourceTableField } from './source-tables.js';
export {
  loadSourceSpec,
  loadSourceSpecs,
  parseSourceSpec,
  SOURCE_SPEC_SCHEMA,
} from './spec/load-spec.js';
export { resolveSource } from './spec/resolve-source.js';
export type { Env, SourceOverrides } from './spec/resolve-source.js';
export type { SourceSpec, StreamSpec } from './spec/source-spec.js';
export type { ResolvedSource, ResolvedStream, SourceStreamId } from './spec/resolved-source.js';
export { silentReporter } from './progress/sync-events.js';
export type { StreamMode, SyncEvent, SyncReporter } from './progress/sync-events.js';
export { createNodeTransport } from './http/node-transport.js';
export type { HttpRequest, HttpResponse, Transport } from './http/http-types.js';
export { RateLimiterRegistry } from './rate-limit/rate-limiter.js';
export {
  API_CALLS_TABLE,
  BRONZE_SCHEMA,
  QUARANTINE_TABLE,
  STATE_SCHEMA,
  STATE_TABLE,
  STREAM_COLUMNS,
} from './landing/bronze-tables.js';
