/**
 * Minimum-group suppression for breakdowns. A cell counting fewer than `k` (but more than zero)
 * people is hidden. Then, so that a hidden cell cannot be recovered by subtracting the shown
 * cells from a total, every margin (the cells sharing all dimension values but one, and the
 * grand total for a one-dimensional breakdown) that hides exactly one cell hides its smallest
 * shown cell as well, repeated until no margin hides exactly one cell. Pure.
 *
 * What this does not cover: differencing across two requests with different filters (a
 * business unit filtered in one request and not in the other). Filters narrow the population
 * before suppression, and the filtered population as a whole must reach `k`.
 */

export interface Cell {
  /** Dimension values in request order, as strings (null for a missing value). */
  readonly key: readonly (string | null)[];
  /** People behind the cell. */
  readonly subjects: number;
}

/** Indexes of the cells to hide. */
export function suppressedCells(cells: readonly Cell[], k: number): Set<number> {
  const hidden = new Set<number>();
  if (k <= 1) return hidden;
  cells.forEach((cell, i) => {
    if (cell.subjects > 0 && cell.subjects < k) hidden.add(i);
  });
  if (hidden.size === 0) return hidden;

  const width = cells[0]?.key.length ?? 0;
  const margins: number[][] = [];
  if (width <= 1) {
    margins.push(cells.map((_, i) => i));
  } else {
    for (let free = 0; free < width; free++) {
      const groups = new Map<string, number[]>();
      cells.forEach((cell, i) => {
        const rest = JSON.stringify(cell.key.filter((_, d) => d !== free));
        groups.set(rest, [...(groups.get(rest) ?? []), i]);
      });
      margins.push(...groups.values());
    }
  }

  for (let changed = true; changed;) {
    changed = false;
    for (const margin of margins) {
      const hiddenHere = margin.filter((i) => hidden.has(i));
      if (hiddenHere.length !== 1) continue;
      const shown = margin.filter((i) => !hidden.has(i));
      if (shown.length === 0) continue;
      const smallest = shown.reduce((a, b) =>
        (cells[a]?.subjects ?? 0) <= (cells[b]?.subjects ?? 0) ? a : b,
      );
      hidden.add(smallest);
      changed = true;
    }
  }
  return hidden;
}
