/**
 * `hrflow docs lineage --column`: find the column a user names, trace the part of the project
 * upstream of it, and return its upstream tree.
 */
import { HrflowError } from '../core/errors.js';
import { didYouMean } from '../core/nearest-name.js';
import type { Manifest } from '../engine/compile/manifest.js';
import type { NodeId } from '../engine/project/nodes.js';
import type { Artifacts } from './artifacts.js';
import { lineageSubjects } from './build-site-data.js';
import { compileAll, traceLineage } from './generate-docs.js';
import { upstreamTree } from './lineage/lineage-tree.js';
import type { LineageTreeNode } from './lineage/lineage-tree.js';
import type { LineageSubject } from './lineage/column-lineage.js';

/** The upstream tree of the column asked for. */
export interface ColumnLineageAnswer {
  readonly tree: LineageTreeNode;
  /** How to name each node in the tree: `gold.turnover`, `source workday.workers`. */
  readonly labels: ReadonlyMap<string, string>;
}

const USAGE_HINT =
  'Name the column as schema.model.column (gold.turnover.voluntary_rate), model.column, or source_name.table.column.';

/**
 * The upstream tree of `spec` in the loaded project; `artifacts` are those of its target folder,
 * whose catalog, when present, expands `select *`.
 */
export async function columnLineage(
  manifest: Manifest,
  artifacts: Artifacts,
  spec: string,
): Promise<ColumnLineageAnswer> {
  const labels = new Map<string, string>();
  const forms = new Map<string, NodeId>();
  for (const [id, entry] of manifest.nodes) {
    const node = entry.node;
    if (node.kind === 'test' || node.kind === 'exposure') continue;
    const rel = entry.relation;
    const label =
      node.kind === 'source'
        ? `source ${node.sourceName}.${node.tableName}`
        : rel
          ? `${rel.schema}.${rel.identifier}`
          : node.name;
    labels.set(id, label);
    forms.set(node.name.toLowerCase(), id);
    if (rel) forms.set(`${rel.schema}.${rel.identifier}`.toLowerCase(), id);
    if (node.kind === 'source') forms.set(`${node.sourceName}.${node.tableName}`.toLowerCase(), id);
  }

  const parts = spec.split('.');
  const column = parts.pop() ?? '';
  const owner = parts.join('.').toLowerCase();
  const id = forms.get(owner);
  if (parts.length === 0 || !column || !id) {
    throw new HrflowError(
      'usage-invalid',
      `no model, seed, snapshot or source named '${parts.join('.') || spec}'.${didYouMean(owner, forms.keys())}`,
      { hint: USAGE_HINT },
    );
  }

  const upstream = ancestorsOf(manifest, id);
  const compiled = compileAll(manifest);
  const subjects = lineageSubjects(artifacts, compiled).filter((s) => upstream.has(s.id));
  const lineage = await traceLineage(subjects);
  const kinds = new Map<string, LineageSubject['kind']>(subjects.map((s) => [s.id, s.kind]));
  const traced = (node: string) => kinds.get(node) === 'model' || kinds.get(node) === 'snapshot';

  const record = lineage.get(id);
  const known =
    record?.columns.map((c) => c.name) ?? subjects.find((s) => s.id === id)?.catalogColumns ?? [];
  if (known.length > 0 && !known.some((c) => c.toLowerCase() === column.toLowerCase())) {
    throw new HrflowError(
      'usage-invalid',
      `${labels.get(id) ?? id} has no column '${column}'.${didYouMean(column, known)}`,
      { hint: `Its columns: ${known.join(', ')}.` },
    );
  }
  return { tree: upstreamTree(lineage, { node: id, column }, traced), labels };
}

function ancestorsOf(manifest: Manifest, id: NodeId): Set<string> {
  const out = new Set<string>([id]);
  const queue: NodeId[] = [id];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const parent of manifest.nodes.get(next)?.dependsOn ?? []) {
      if (out.has(parent)) continue;
      out.add(parent);
      queue.push(parent);
    }
  }
  return out;
}
