import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addAll,
  emptySet,
  indexesIn,
  intersectSets,
  isEmptySet,
  setOf,
  subtractSet,
  uniteSets,
} from './node-set.js';

const SIZE = 40;
const members = fc.uniqueArray(fc.nat(SIZE - 1), { maxLength: SIZE });

describe('node sets', () => {
  it('hold exactly the indexes put in, in ascending order', () => {
    expect(indexesIn(setOf(6, [4, 1, 4]))).toEqual([1, 4]);
    expect(isEmptySet(emptySet(3))).toBe(true);
    expect(isEmptySet(setOf(3, [2]))).toBe(false);
  });

  it('agree with Set algebra for union, intersection and difference', () => {
    fc.assert(
      fc.property(members, members, members, (a, b, c) => {
        const [sa, sb, sc] = [a, b, c].map((m) => setOf(SIZE, m)) as [
          Uint8Array,
          Uint8Array,
          Uint8Array,
        ];
        const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((x, y) => x - y);
        expect(indexesIn(uniteSets([sa, sb, sc], SIZE))).toEqual(sorted([...a, ...b, ...c]));
        expect(indexesIn(intersectSets([sa, sb], SIZE))).toEqual(
          sorted(a.filter((x) => b.includes(x))),
        );
        expect(indexesIn(subtractSet(sa, sb))).toEqual(sorted(a.filter((x) => !b.includes(x))));
      }),
    );
  });

  it('leave their inputs alone, except addAll, which adds in place', () => {
    const a = setOf(4, [0]);
    const b = setOf(4, [1]);
    uniteSets([a, b], 4);
    intersectSets([a, b], 4);
    subtractSet(a, b);
    expect(indexesIn(a)).toEqual([0]);
    addAll(a, b);
    expect(indexesIn(a)).toEqual([0, 1]);
    expect(indexesIn(b)).toEqual([1]);
  });

  it('intersect nothing to the empty set', () => {
    expect(indexesIn(intersectSets([], 3))).toEqual([]);
  });
});
