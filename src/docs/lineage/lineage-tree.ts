/**
 * The upstream tree of one column: the columns it is computed from, theirs in turn, down to
 * sources and seeds. What `hrflow docs lineage --column` prints and the site draws.
 */
import type { NodeLineage } from './column-lineage.js';
import type { ColumnRef, Transform } from './trace-query.js';

/** One column in the tree, with the columns it is computed from as children. */
export interface LineageTreeNode {
  readonly node: string;
  readonly column: string;
  /** How this column is computed from its children; absent where lineage starts. */
  readonly transform?: Transform;
  /** What could not be traced at this step. */
  readonly gaps: readonly string[];
  readonly children: readonly LineageTreeNode[];
  /** Already shown earlier in the tree (several paths lead to it); children left out. */
  readonly repeated?: boolean;
}

/** Builds the tree; `isTraced(id)` tells nodes whose columns have lineage from leaves. */
export function upstreamTree(
  lineage: ReadonlyMap<string, NodeLineage>,
  start: ColumnRef,
  isTraced: (node: string) => boolean,
): LineageTreeNode {
  const shown = new Set<string>();
  const visit = (ref: ColumnRef, path: ReadonlySet<string>): LineageTreeNode => {
    const key = `${ref.node}\u0000${ref.column.toLowerCase()}`;
    if (shown.has(key) || path.has(key)) {
      return { ...ref, gaps: [], children: [], repeated: true };
    }
    shown.add(key);
    if (!isTraced(ref.node)) return { ...ref, gaps: [], children: [] };
    const record = lineage.get(ref.node);
    if (!record || record.status === 'untraced') {
      return {
        ...ref,
        gaps: [record?.message ?? 'this model has no compiled SQL to trace'],
        children: [],
      };
    }
    const column = record.columns.find((c) => c.name.toLowerCase() === ref.column.toLowerCase());
    if (!column) {
      return { ...ref, gaps: [`${ref.column} is not a column the SQL produces`], children: [] };
    }
    const next = new Set(path).add(key);
    return {
      node: ref.node,
      column: column.name,
      transform: column.transform,
      gaps: column.gaps,
      children: column.upstream.map((u) => visit(u, next)),
    };
  };
  return visit(start, new Set());
}

/** The tree as indented text, one column per line. */
export function formatTree(tree: LineageTreeNode, label: (node: string) => string): string {
  const lines: string[] = [];
  const describe = (t: LineageTreeNode): string => {
    const how = t.transform ? `  (${TRANSFORM_WORDS[t.transform]})` : '';
    const again = t.repeated ? '  (see above)' : '';
    return `${label(t.node)}.${t.column}${how}${again}`;
  };
  const walk = (t: LineageTreeNode, prefix: string, last: boolean, root: boolean): void => {
    const branch = root ? '' : last ? '└── ' : '├── ';
    lines.push(`${prefix}${branch}${describe(t)}`);
    const childPrefix = root ? '' : `${prefix}${last ? '    ' : '│   '}`;
    for (const gap of t.gaps) lines.push(`${childPrefix}    ! not traced: ${gap}`);
    t.children.forEach((c, i) => walk(c, childPrefix, i === t.children.length - 1, false));
  };
  walk(tree, '', true, true);
  return `${lines.join('\n')}\n`;
}

/** How a transform reads in prose. */
export const TRANSFORM_WORDS = {
  constant: 'constant',
  identity: 'passed through',
  cast: 'cast',
  expression: 'computed',
  window: 'window function',
  aggregate: 'aggregated',
} as const satisfies Record<Transform, string>;
