/**
 * Sets of nodes as one flag byte per node of a graph. Selection combines sets that often cover
 * most of a project, so every operation is a tight loop over a typed array instead of hashing:
 * linear in the graph's size, with no per-member allocation.
 */

/** `set[i]` is 1 when node `i` of the graph is a member and 0 otherwise. */
export type NodeSet = Uint8Array;

/** A set with no members, for a graph of `size` nodes. */
export function emptySet(size: number): NodeSet {
  return new Uint8Array(size);
}

/** A set holding the given indexes. */
export function setOf(size: number, indexes: Iterable<number>): NodeSet {
  const set = emptySet(size);
  for (const i of indexes) set[i] = 1;
  return set;
}

/** Adds every member of `source` to `target`, in place. */
export function addAll(target: NodeSet, source: NodeSet): void {
  for (let i = 0; i < source.length; i++) if (source[i]) target[i] = 1;
}

/** Members of any of the sets. */
export function uniteSets(sets: readonly NodeSet[], size: number): NodeSet {
  const out = emptySet(size);
  for (const set of sets) addAll(out, set);
  return out;
}

/** Members of every one of the sets; no sets give the empty set. */
export function intersectSets(sets: readonly NodeSet[], size: number): NodeSet {
  const [first, ...rest] = sets;
  const out = first ? first.slice() : emptySet(size);
  for (const set of rest) for (let i = 0; i < out.length; i++) if (!set[i]) out[i] = 0;
  return out;
}

/** Members of `a` that are not members of `b`. */
export function subtractSet(a: NodeSet, b: NodeSet): NodeSet {
  const out = a.slice();
  for (let i = 0; i < out.length; i++) if (b[i]) out[i] = 0;
  return out;
}

/** The member indexes in ascending order. */
export function indexesIn(set: NodeSet): number[] {
  const out: number[] = [];
  for (let i = 0; i < set.length; i++) if (set[i]) out.push(i);
  return out;
}

/** True when the set has no members. */
export function isEmptySet(set: NodeSet): boolean {
  return set.every((flag) => flag === 0);
}
