/**
 * Which boxes and arrows the lineage graph shows for the current filters: resource types, tag,
 * folder, a selector, a focus node with n levels up and down, and folders collapsed into one box
 * each. Edges pass through hidden nodes, so hiding tests or a folder keeps the flow connected.
 * Pure, so it is tested without a browser.
 */
import type { Layer, SiteKind, SiteNode } from '../site-data.js';

/** What the user narrowed the graph to; every criterion must hold. */
export interface GraphFilter {
  readonly kinds: ReadonlySet<SiteKind>;
  readonly tag?: string;
  readonly folder?: string;
  /** Ids a selector picked; all when absent. */
  readonly selected?: ReadonlySet<string>;
  readonly focus?: { readonly id: string; readonly up: number; readonly down: number };
  /** Folders shown as one box each. */
  readonly collapsed: ReadonlySet<string>;
}

/** A box: one node, or a collapsed folder standing for its members. */
export type GraphBox =
  | {
      readonly key: string;
      readonly type: 'node';
      readonly node: SiteNode;
    }
  | {
      readonly key: string;
      readonly type: 'folder';
      readonly folder: string;
      readonly layer: Layer;
      readonly members: readonly SiteNode[];
    };

/** An arrow from a parent box to a child box. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
}

/** What to draw. */
export interface VisibleGraph {
  readonly boxes: readonly GraphBox[];
  readonly edges: readonly GraphEdge[];
}

/** Folders with more nodes than this start collapsed when the graph is large. */
export const LARGE_GRAPH = 300;

/** The boxes and edges for `filter`; edges between boxes that only hidden nodes connect included. */
export function visibleGraph(nodes: readonly SiteNode[], filter: GraphFilter): VisibleGraph {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    for (const p of n.dependsOn) children.set(p, [...(children.get(p) ?? []), n.id]);
  }
  const inFocus = filter.focus ? focusSet(filter.focus, byId, children) : undefined;
  const shown = (n: SiteNode): boolean =>
    filter.kinds.has(n.kind) &&
    (!filter.tag || n.tags.includes(filter.tag)) &&
    (!filter.folder || n.folder === filter.folder || n.folder.startsWith(`${filter.folder}/`)) &&
    (!filter.selected || filter.selected.has(n.id)) &&
    (!inFocus || inFocus.has(n.id));

  const boxOf = new Map<string, string>();
  const boxes = new Map<string, GraphBox>();
  for (const n of nodes) {
    if (!shown(n)) continue;
    if (filter.collapsed.has(n.folder) && n.id !== filter.focus?.id) {
      const key = `folder:${n.folder}`;
      const box = boxes.get(key);
      boxes.set(key, {
        key,
        type: 'folder',
        folder: n.folder,
        layer: box?.type === 'folder' ? box.layer : n.layer,
        members: [...(box?.type === 'folder' ? box.members : []), n],
      });
      boxOf.set(n.id, key);
    } else {
      boxes.set(n.id, { key: n.id, type: 'node', node: n });
      boxOf.set(n.id, n.id);
    }
  }

  // Visible descendants of a node, looking through hidden ones (memoised per hidden node).
  const throughHidden = new Map<string, Set<string>>();
  const reach = (id: string, trail: Set<string>): Set<string> => {
    const out = new Set<string>();
    for (const c of children.get(id) ?? []) {
      const box = boxOf.get(c);
      if (box) {
        out.add(box);
        continue;
      }
      if (trail.has(c)) continue;
      let hidden = throughHidden.get(c);
      if (!hidden) {
        hidden = reach(c, new Set(trail).add(c));
        throughHidden.set(c, hidden);
      }
      for (const b of hidden) out.add(b);
    }
    return out;
  };
  const edges = new Map<string, GraphEdge>();
  for (const [id, from] of boxOf) {
    for (const to of reach(id, new Set([id]))) {
      if (to !== from) edges.set(`${from}\u0000${to}`, { from, to });
    }
  }
  return { boxes: [...boxes.values()], edges: [...edges.values()] };
}

/** Folders to collapse so a large graph stays readable: all but the focus node's own. */
export function foldersToCollapse(nodes: readonly SiteNode[], focusId?: string): Set<string> {
  const focusFolder = nodes.find((n) => n.id === focusId)?.folder;
  return new Set(nodes.map((n) => n.folder).filter((f) => f !== focusFolder));
}

function focusSet(
  focus: { readonly id: string; readonly up: number; readonly down: number },
  byId: ReadonlyMap<string, SiteNode>,
  children: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const out = new Set([focus.id]);
  const walk = (next: (id: string) => readonly string[], depth: number) => {
    let frontier = [focus.id];
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const found: string[] = [];
      for (const id of frontier) {
        for (const n of next(id)) {
          if (out.has(n)) continue;
          out.add(n);
          found.push(n);
        }
      }
      frontier = found;
    }
  };
  walk((id) => byId.get(id)?.dependsOn ?? [], focus.up);
  walk((id) => children.get(id) ?? [], focus.down);
  return out;
}

/** Box keys on some path into or out of `key`, for highlighting. */
export function pathsThrough(graph: VisibleGraph, key: string): Set<string> {
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const e of graph.edges) {
    down.set(e.from, [...(down.get(e.from) ?? []), e.to]);
    up.set(e.to, [...(up.get(e.to) ?? []), e.from]);
  }
  const out = new Set([key]);
  for (const next of [up, down]) {
    const queue = [key];
    for (let k = queue.pop(); k !== undefined; k = queue.pop()) {
      for (const n of next.get(k) ?? []) {
        if (out.has(n)) continue;
        out.add(n);
        queue.push(n);
      }
    }
  }
  return out;
}
