/**
 * Phase two of compile: render one node for real, with relation names resolved, the facts the
 * runner fetched (is_incremental) and ephemeral models inlined as CTEs. Pure.
 */
import { HrflowError } from '../../core/errors.js';
import type { NodeId, SeedNode, TemplatedNode } from '../project/nodes.js';
import { executeScope } from './scope.js';
import type { RenderScope } from './template-engine.js';
import type { Manifest } from './manifest.js';
import { RelationValue } from './values.js';

/** What the runner knows about the warehouse before this node renders. */
export interface RenderFacts {
  readonly isIncremental: boolean;
  readonly fullRefresh: boolean;
  /** Replaces how particular nodes print (a test's `where` subquery). */
  readonly relationOverride?: (id: NodeId) => RelationValue | undefined;
}

export const EPHEMERAL_PREFIX = '__dbt__cte__';

/** The compiled SQL of a model, snapshot or test. */
export function renderNode(manifest: Manifest, id: NodeId, facts: RenderFacts): string {
  const sql = renderOne(manifest, id, facts);
  const ephemerals = ephemeralAncestors(manifest, id);
  if (ephemerals.length === 0) return sql;
  const ctes = ephemerals.map((eid) => {
    const entry = manifest.nodes.get(eid);
    const body = renderOne(manifest, eid, { isIncremental: false, fullRefresh: facts.fullRefresh });
    return `${EPHEMERAL_PREFIX}${entry?.node.name ?? eid} as (\n${body.trim()}\n)`;
  });
  return injectCtes(sql, ctes);
}

function renderOne(manifest: Manifest, id: NodeId, facts: RenderFacts): string {
  const { node, scope } = nodeScope(manifest, id, facts);
  if (node.kind === 'seed') throw new HrflowError('internal', `cannot render seed ${id}`);
  return manifest.engine.render(node.rawCode, node.path, scope);
}

/** The execute-phase scope of a node, which its hooks render in as well. */
export function nodeScope(
  manifest: Manifest,
  id: NodeId,
  facts: RenderFacts,
): { node: TemplatedNode | SeedNode; scope: RenderScope } {
  const entry = manifest.nodes.get(id);
  const node = entry?.node;
  if (
    !entry ||
    (node?.kind !== 'model' &&
      node?.kind !== 'snapshot' &&
      node?.kind !== 'test' &&
      node?.kind !== 'seed')
  ) {
    throw new HrflowError('internal', `cannot render ${id}`);
  }
  const self = entry.relation ?? {
    catalog: manifest.project.settings.catalog,
    schema: 'main',
    identifier: node.name,
  };
  const scope = executeScope(
    {
      project: manifest.project,
      engine: manifest.engine,
      node,
      dialect: manifest.dialect,
      invocation: manifest.invocation,
    },
    {
      relationOf: (target) => facts.relationOverride?.(target) ?? relationValue(manifest, target),
      self,
      isIncremental: facts.isIncremental,
      fullRefresh: facts.fullRefresh,
      config: entry.config,
    },
  );
  return { node, scope };
}

/** How a node prints inside another node's SQL. */
export function relationValue(manifest: Manifest, id: NodeId): RelationValue {
  const entry = manifest.nodes.get(id);
  if (!entry) throw new HrflowError('internal', `unknown node ${id}`);
  if (entry.node.kind === 'model' && entry.config.materialized === 'ephemeral') {
    return new RelationValue(
      { catalog: '', schema: '', identifier: entry.node.name },
      manifest.dialect,
      `${EPHEMERAL_PREFIX}${entry.node.name}`,
      'cte',
    );
  }
  if (!entry.relation) throw new HrflowError('internal', `${id} has no relation`);
  return new RelationValue(
    entry.relation,
    manifest.dialect,
    undefined,
    entry.config.materialized === 'view' ? 'view' : 'table',
  );
}

/** Ephemeral models reachable through ephemeral chains, dependencies first. */
export function ephemeralAncestors(manifest: Manifest, id: NodeId): NodeId[] {
  const out: NodeId[] = [];
  const seen = new Set<NodeId>();
  const visit = (current: NodeId): void => {
    for (const parent of manifest.nodes.get(current)?.dependsOn ?? []) {
      const entry = manifest.nodes.get(parent);
      if (
        seen.has(parent) ||
        entry?.node.kind !== 'model' ||
        entry.config.materialized !== 'ephemeral'
      ) {
        continue;
      }
      seen.add(parent);
      visit(parent);
      out.push(parent);
    }
  };
  visit(id);
  return out;
}

/**
 * Adds CTEs in front of a query. When the query already starts with `WITH` (after comments),
 * the CTEs join its list, so the result stays one statement.
 */
export function injectCtes(sql: string, ctes: readonly string[]): string {
  if (ctes.length === 0) return sql;
  const lead = leadingTrivia(sql);
  const rest = sql.slice(lead.length);
  const withMatch = /^with(\s+recursive)?\b/i.exec(rest);
  if (withMatch) {
    const head = withMatch[0];
    return `${lead}${head} ${ctes.join(',\n')},\n${rest.slice(head.length).trimStart()}`;
  }
  return `${lead}with ${ctes.join(',\n')}\n${rest}`;
}

/** Whitespace and SQL comments at the start of a query. */
function leadingTrivia(sql: string): string {
  const match = /^(\s|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/.exec(sql);
  return match?.[0] ?? '';
}
