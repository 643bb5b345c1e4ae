import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressedCells } from './suppression.js';
import type { Cell } from './suppression.js';

const cells1 = (counts: number[]): Cell[] =>
  counts.map((n, i) => ({ key: [`g${i}`], subjects: n }));

describe('suppressedCells', () => {
  it('hides nothing when every group reaches k', () => {
    expect(suppressedCells(cells1([5, 9, 12]), 5)).toEqual(new Set());
  });

  it('hides a small group and the next smallest, so the total cannot give it away', () => {
    expect(suppressedCells(cells1([3, 9, 12, 7]), 5)).toEqual(new Set([0, 3]));
  });

  it('leaves two small groups alone once both are hidden', () => {
    expect(suppressedCells(cells1([3, 9, 2]), 5)).toEqual(new Set([0, 2]));
  });

  it('hides nothing with k of 1 (admins)', () => {
    expect(suppressedCells(cells1([1, 2]), 1)).toEqual(new Set());
  });

  it('protects rows and columns of a two-way breakdown', () => {
    const cells: Cell[] = [
      { key: ['L1', 'W'], subjects: 2 },
      { key: ['L1', 'M'], subjects: 10 },
      { key: ['L2', 'W'], subjects: 8 },
      { key: ['L2', 'M'], subjects: 11 },
    ];
    // L1/W is small; its row then hides L1/M, its column L2/W, and L2/M closes the last margin.
    expect(suppressedCells(cells, 5)).toEqual(new Set([0, 1, 2, 3]));
  });

  it('never leaves a margin with exactly one hidden cell (property)', () => {
    const grid = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .chain(([rows, cols]) =>
        fc
          .array(fc.integer({ min: 1, max: 20 }), {
            minLength: rows * cols,
            maxLength: rows * cols,
          })
          .map((counts) =>
            counts.map((n, i) => ({
              key: [`r${Math.floor(i / cols)}`, `c${i % cols}`],
              subjects: n,
            })),
          ),
      );
    fc.assert(
      fc.property(grid, fc.integer({ min: 2, max: 8 }), (cells, k) => {
        const hidden = suppressedCells(cells, k);
        cells.forEach((c, i) => {
          if (c.subjects < k) expect(hidden.has(i)).toBe(true);
        });
        for (const d of [0, 1]) {
          const margins = new Map<string, number[]>();
          cells.forEach((c, i) => {
            const rest = String(c.key[1 - d]);
            margins.set(rest, [...(margins.get(rest) ?? []), i]);
          });
          for (const margin of margins.values()) {
            const n = margin.filter((i) => hidden.has(i)).length;
            expect(n === 1 && margin.length > 1).toBe(false);
          }
        }
      }),
    );
  });
});
