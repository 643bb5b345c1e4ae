/** The site data indexed for the pages: nodes by id, children, tests and their last status. */
import type { NodeLineage } from '../lineage/column-lineage.js';
import type { SiteData, SiteNode } from '../site-data.js';

/** The site data with lookups the pages need. */
export interface Project {
  readonly data: SiteData;
  readonly byId: ReadonlyMap<string, SiteNode>;
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Columns downstream of each `node\0column` (lower-cased column). */
  readonly columnChildren: ReadonlyMap<string, readonly { node: string; column: string }[]>;
  lineageOf(id: string): NodeLineage | undefined;
}

/** Indexes the data once when the app starts. */
export function indexProject(data: SiteData): Project {
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  for (const n of data.nodes) {
    for (const p of n.dependsOn) children.set(p, [...(children.get(p) ?? []), n.id]);
  }
  const columnChildren = new Map<string, { node: string; column: string }[]>();
  for (const [node, lineage] of Object.entries(data.lineage)) {
    for (const c of lineage.columns) {
      for (const u of c.upstream) {
        const key = columnKey(u.node, u.column);
        columnChildren.set(key, [...(columnChildren.get(key) ?? []), { node, column: c.name }]);
      }
    }
  }
  return {
    data,
    byId,
    children,
    columnChildren,
    lineageOf: (id) => data.lineage[id],
  };
}

/** Key of a column across the site; column names compare without case, as in DuckDB. */
export function columnKey(node: string, column: string): string {
  return `${node}\u0000${column.toLowerCase()}`;
}

/** `pass`, `warn`, `fail`, `error`, `skipped` or `not run` for a test. */
export function testStatus(test: SiteNode): string {
  return test.lastRun?.status ?? 'not run';
}
