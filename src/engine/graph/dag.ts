/**
 * The project graph: parents and children of every node, a topological order, and cycle
 * detection that names the cycle.
 */
import { HrflowError } from '../../core/errors.js';

export interface Graph<Id extends string = string> {
  readonly parents: ReadonlyMap<Id, readonly Id[]>;
  readonly children: ReadonlyMap<Id, readonly Id[]>;
  /** Every node, parents before children; ties keep insertion order. */
  readonly order: readonly Id[];
}

/**
 * Builds the graph from each node's parents. Parents that are not nodes of the graph are
 * ignored (the caller has already reported unknown references).
 */
export function buildGraph<Id extends string>(
  dependsOn: ReadonlyMap<Id, readonly Id[]>,
  describe: (id: Id) => { file?: string } = () => ({}),
): Graph<Id> {
  const parents = new Map<Id, Id[]>();
  const children = new Map<Id, Id[]>();
  for (const id of dependsOn.keys()) {
    parents.set(id, []);
    children.set(id, []);
  }
  for (const [id, deps] of dependsOn) {
    for (const dep of new Set(deps)) {
      if (!dependsOn.has(dep) || dep === id) {
        if (dep === id) throw cycleError([id, id], describe);
        continue;
      }
      parents.get(id)?.push(dep);
      children.get(dep)?.push(id);
    }
  }
  return { parents, children, order: topologicalOrder(parents, children, describe) };
}

function topologicalOrder<Id extends string>(
  parents: ReadonlyMap<Id, readonly Id[]>,
  children: ReadonlyMap<Id, readonly Id[]>,
  describe: (id: Id) => { file?: string },
): Id[] {
  const remaining = new Map<Id, number>();
  for (const [id, ps] of parents) remaining.set(id, ps.length);
  const ready: Id[] = [...parents.keys()].filter((id) => remaining.get(id) === 0);
  const order: Id[] = [];
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i] as Id;
    order.push(id);
    for (const child of children.get(id) ?? []) {
      const left = (remaining.get(child) ?? 0) - 1;
      remaining.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  if (order.length < parents.size) {
    const stuck = new Set([...remaining].filter(([, n]) => n > 0).map(([id]) => id));
    throw cycleError(findCycle(stuck, parents), describe);
  }
  return order;
}

/** Walks parent links inside the unresolved set until a node repeats. */
function findCycle<Id extends string>(
  stuck: ReadonlySet<Id>,
  parents: ReadonlyMap<Id, readonly Id[]>,
): Id[] {
  const start = [...stuck].sort()[0] as Id;
  const seen = new Map<Id, number>();
  const path: Id[] = [];
  let current: Id | undefined = start;
  while (current !== undefined && !seen.has(current)) {
    seen.set(current, path.length);
    path.push(current);
    current = (parents.get(current) ?? []).find((p) => stuck.has(p));
  }
  if (current === undefined) return path;
  // The cycle follows parent links; print it in dependency order (parent → child).
  return [...path.slice(seen.get(current)), current].reverse();
}

function cycleError<Id extends string>(
  cycle: readonly Id[],
  describe: (id: Id) => { file?: string },
): HrflowError {
  const first = cycle[0];
  const file = first === undefined ? undefined : describe(first).file;
  return new HrflowError('dag-cycle', `dependency cycle: ${cycle.join(' → ')}`, {
    location: { ...(file ? { file } : {}), ...(first ? { node: first } : {}) },
    hint: 'A model cannot depend on itself, directly or through others. Remove one of these ref() calls.',
    details: { cycle },
  });
}

/** Every ancestor of `id` (not including it). */
export function ancestors<Id extends string>(graph: Graph<Id>, id: Id): Set<Id> {
  return reach(graph.parents, id);
}

/** Every descendant of `id` (not including it). */
export function descendants<Id extends string>(graph: Graph<Id>, id: Id): Set<Id> {
  return reach(graph.children, id);
}

function reach<Id extends string>(edges: ReadonlyMap<Id, readonly Id[]>, id: Id): Set<Id> {
  const out = new Set<Id>();
  const stack = [...(edges.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as Id;
    if (out.has(next)) continue;
    out.add(next);
    stack.push(...(edges.get(next) ?? []));
  }
  return out;
}
