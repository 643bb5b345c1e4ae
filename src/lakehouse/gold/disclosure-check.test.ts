import { describe, expect, it } from 'vitest';
import { disclosedCells } from './disclosure-check.js';
import type { BreakdownCell } from './disclosure-check.js';

const SHAPE = { totalBlock: 'company' };

/** Cells of one block from a grid of counts; `hide` marks hidden cells with 'x'. */
function grid(
  block: string,
  counts: readonly (readonly number[])[],
  hide: readonly string[],
): BreakdownCell[] {
  return counts.flatMap((row, r) =>
    row.map((count, g) => ({
      block,
      row: `r${r}`,
      group: `g${g}`,
      count,
      hidden: hide[r]?.[g] === 'x',
    })),
  );
}

function totalRow(counts: readonly (readonly number[])[], hide: string): BreakdownCell[] {
  const width = counts[0]?.length ?? 0;
  return Array.from({ length: width }, (_, g) => ({
    block: 'company',
    row: 'all',
    group: `g${g}`,
    count: counts.reduce((n, row) => n + (row[g] ?? 0), 0),
    hidden: hide[g] === 'x',
  }));
}

describe('disclosedCells', () => {
  it('recovers a lone hidden cell of a row from the row total', () => {
    const counts = [[3, 10, 7]];
    const cells = [...grid('dept', counts, ['x..']), ...totalRow(counts, '...')];
    expect(disclosedCells(cells, SHAPE).map((c) => c.count)).toEqual([3]);
  });

  it('recovers nothing when two non-zero cells of a row are hidden and the column totals are hidden too', () => {
    const counts = [[3, 10, 7]];
    const cells = [...grid('dept', counts, ['xx.']), ...totalRow(counts, 'xx.')];
    expect(disclosedCells(cells, SHAPE)).toEqual([]);
  });

  it('recovers hidden zeros whose row has nothing else hidden', () => {
    const counts = [[0, 0, 9]];
    const cells = [...grid('dept', counts, ['xx.']), ...totalRow(counts, 'xx.')];
    expect(disclosedCells(cells, SHAPE).map((c) => c.count)).toEqual([0, 0, 0, 0]);
  });

  it('recovers a bridge cell even though every row and column holds two hidden cells', () => {
    // Two hidden rectangles joined by the cell (r0, g2): rows r0..r3, groups g0..g3. The
    // rectangles' cells cannot be pinned down, but the bridge equals
    // row0 total - shown - (g0 + g1 column sums - row1's hidden part).
    const counts = [
      [2, 3, 4, 9, 1],
      [6, 7, 8, 9, 1],
      [9, 9, 2, 3, 1],
      [9, 9, 6, 7, 1],
    ];
    const hide = ['xxx..', 'xx...', '..xx.', '..xx.'];
    const cells = [...grid('dept', counts, hide), ...totalRow(counts, '.....')];
    expect(disclosedCells(cells, SHAPE).map((c) => [c.row, c.group])).toEqual([['r0', 'g2']]);
  });

  it('uses non-negativity: a hidden rectangle whose column holds only zeros is pinned', () => {
    // Over the real numbers the rectangle could shift, but g0's hidden cells add up to 0, so
    // both are 0, and then each row total fixes its g1.
    const counts = [
      [0, 3, 5],
      [0, 4, 5],
    ];
    const cells = [...grid('dept', counts, ['xx.', 'xx.']), ...totalRow(counts, '...')];
    expect(disclosedCells(cells, SHAPE).map((c) => c.count)).toEqual([0, 3, 0, 4]);
  });

  it('finds nothing when a full rectangle of non-zero cells is hidden', () => {
    const counts = [
      [2, 3, 9],
      [6, 7, 9],
    ];
    const cells = [...grid('dept', counts, ['xx.', 'xx.']), ...totalRow(counts, '...')];
    expect(disclosedCells(cells, SHAPE)).toEqual([]);
  });
});
