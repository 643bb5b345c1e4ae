/**
 * Left-to-right layered layout of the lineage graph with dagre (`@dagrejs/dagre`): a maintained,
 * dependency-light Sugiyama implementation (about 60 kB minified with its graph library) that
 * places each node one rank right of its parents, which is exactly the flow from sources through
 * bronze, silver and gold to dashboards. It only computes coordinates; drawing is our own SVG,
 * so no rendering framework lands in the bundle. elkjs lays out as well but weighs over 1 MB,
 * and cytoscape brings a whole renderer.
 */
import { Graph, layout } from '@dagrejs/dagre';

/** A box to place, with its size in pixels. */
export interface LayoutBox {
  readonly key: string;
  readonly width: number;
  readonly height: number;
}

/** Where everything went. */
export interface Placed {
  /** Centre of each box. */
  readonly boxes: ReadonlyMap<string, { x: number; y: number; width: number; height: number }>;
  /** Polyline points of each edge, keyed `from\0to`. */
  readonly edges: ReadonlyMap<string, readonly { x: number; y: number }[]>;
  readonly width: number;
  readonly height: number;
}

/** Places boxes in ranks from left to right and routes the edges between them. */
export function layoutGraph(
  boxes: readonly LayoutBox[],
  edges: readonly { readonly from: string; readonly to: string }[],
): Placed {
  const g = new Graph<
    object,
    { width: number; height: number; x?: number; y?: number },
    { points?: { x: number; y: number }[] }
  >();
  // Network simplex ranks most neatly but grows steeply with size; past a few hundred boxes the
  // longest-path ranker keeps the layout within a couple of seconds.
  const ranker = boxes.length > 150 ? 'longest-path' : 'network-simplex';
  g.setGraph({
    rankdir: 'LR',
    nodesep: 10,
    ranksep: 70,
    edgesep: 6,
    marginx: 20,
    marginy: 20,
    ranker,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of boxes) g.setNode(b.key, { width: b.width, height: b.height });
  for (const e of edges) g.setEdge(e.from, e.to);
  layout(g);

  const placed = new Map<string, { x: number; y: number; width: number; height: number }>();
  let width = 0;
  let height = 0;
  for (const b of boxes) {
    const n = g.node(b.key);
    const x = n.x ?? 0;
    const y = n.y ?? 0;
    placed.set(b.key, { x, y, width: b.width, height: b.height });
    width = Math.max(width, x + b.width / 2 + 20);
    height = Math.max(height, y + b.height / 2 + 20);
  }
  const paths = new Map<string, { x: number; y: number }[]>();
  for (const e of edges) {
    paths.set(`${e.from}\u0000${e.to}`, g.edge(e.from, e.to)?.points ?? []);
  }
  return { boxes: placed, edges: paths, width, height };
}
