/**
 * Hooks: SQL run around a node (`pre_hook`, `post_hook`) or around a whole run (`on-run-start`,
 * `on-run-end`). They are templates like models, but dbt renders them only when they are about
 * to run, in the context of that moment; so do these functions, which stay pure: the runner
 * executes what they return.
 */
import { asHrflowError, HrflowError } from '../../core/errors.js';
import type { NodeId } from '../project/nodes.js';
import type { Manifest } from './manifest.js';
import { nodeScope, relationValue } from './render-node.js';
import type { RenderFacts } from './render-node.js';
import { runHookScope } from './scope.js';
import type { RunHookFacts } from './scope.js';

/** One hook as configured. */
export interface Hook {
  /** The SQL template. */
  readonly sql: string;
  /**
   * dbt's `transaction` flag. hrflow runs every hook on the node's connection, before or after
   * its materialization, so the flag only records what the project asked for.
   */
  readonly transaction: boolean;
}

/**
 * The hooks of a `pre_hook` / `post_hook` config value: a string, a `{sql, transaction}` map,
 * or a list of either, in the order they run (folder hooks before the model's own).
 */
export function hookList(value: unknown): Hook[] {
  if (value === undefined || value === null) return [];
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.flatMap((item): Hook[] => {
    if (typeof item === 'string') {
      return item.trim() === '' ? [] : [{ sql: item, transaction: true }];
    }
    if (item && typeof item === 'object' && typeof (item as { sql?: unknown }).sql === 'string') {
      const { sql, transaction } = item as { sql: string; transaction?: unknown };
      return [{ sql, transaction: transaction !== false }];
    }
    throw new HrflowError(
      'config-invalid',
      `a hook must be SQL text or {sql: ..., transaction: ...}, got ${JSON.stringify(item)}`,
      { hint: `Write hooks as "grant select on {{ this }} to reporter" or a list of such.` },
    );
  });
}

/**
 * The SQL of a node's `pre_hook` or `post_hook` statements, each rendered with the node's own
 * context (`this`, `config`, `is_incremental()` …) as dbt renders them, just before they run.
 */
export function renderNodeHooks(
  manifest: Manifest,
  id: NodeId,
  facts: RenderFacts,
  when: 'pre_hook' | 'post_hook',
): string[] {
  const entry = manifest.nodes.get(id);
  const hooks = entry ? hookList(entry.config[when]) : [];
  if (hooks.length === 0) return [];
  const { node, scope } = nodeScope(manifest, id, facts);
  return hooks.map((hook, i) =>
    manifest.engine.render(hook.sql, `${node.path} (${when.replace('_', '-')} ${i + 1})`, scope),
  );
}

/** `on-run-start` or `on-run-end`. */
export type RunHookEvent = 'on-run-start' | 'on-run-end';

/** A project hook rendered for this run. */
export interface RenderedRunHook {
  readonly event: RunHookEvent;
  /** Position among the event's hooks, from 0, as dbt numbers them. */
  readonly index: number;
  /** The rendered SQL, or the error rendering it raised. */
  readonly sql?: string;
  readonly error?: HrflowError;
}

/** What `on-run-end` hooks see of the run. */
export type RunEndFacts = Pick<RunHookFacts, 'results' | 'schemas' | 'databaseSchemas'>;

/**
 * Renders the project's hooks for one event. A hook that fails to render comes back with its
 * error, so the caller reports it the way it reports a hook that fails to run.
 */
export function renderRunHooks(
  manifest: Manifest,
  event: RunHookEvent,
  facts: RunEndFacts = {},
): RenderedRunHook[] {
  const settings = manifest.project.settings;
  const hooks = event === 'on-run-start' ? settings.onRunStart : settings.onRunEnd;
  const scope = runHookScope(
    {
      project: manifest.project,
      engine: manifest.engine,
      dialect: manifest.dialect,
      invocation: manifest.invocation,
    },
    settings.file,
    { relationOf: (id) => relationValue(manifest, id), ...facts },
  );
  return hooks.map((source, index) => {
    try {
      const sql = manifest.engine.render(source, `${settings.file} (${event} ${index + 1})`, scope);
      return { event, index, sql };
    } catch (error) {
      return { event, index, error: asHrflowError(error) };
    }
  });
}
