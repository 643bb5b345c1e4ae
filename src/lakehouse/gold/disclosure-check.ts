/**
 * An attacker for suppressed breakdown tables: given the shown cells, the row totals and the
 * rule that every block of rows adds up to the total row, which hidden counts can be worked out?
 * A hidden count is disclosed when every completion of the table in non-negative whole numbers
 * that agrees with everything shown gives it the same value. The search is exhaustive (bounds
 * propagation plus depth-first search), so it suits the small tables property tests generate.
 */

/** One cell of a published breakdown: the true count and whether the table hides it. */
export interface BreakdownCell {
  readonly block: string;
  readonly row: string;
  readonly group: string;
  readonly count: number;
  readonly hidden: boolean;
  /** Whether the table shows this cell's row total; the default is that it does. */
  readonly rowTotalShown?: boolean;
}

/** How the cells relate: which block is the total row that every other block adds up to. */
export interface BreakdownShape {
  readonly totalBlock: string;
}

/**
 * The hidden cells whose value follows from the shown cells, the row totals (always shown) and
 * the block sums. Empty when the suppression protects every hidden cell.
 */
export function disclosedCells(
  cells: readonly BreakdownCell[],
  shape: BreakdownShape,
): BreakdownCell[] {
  const hidden = cells.filter((c) => c.hidden);
  if (hidden.length === 0) return [];
  const system = linearSystem(cells, hidden, shape);

  return hidden.filter((cell, index) => {
    const truth = cell.count;
    const below = tighten(system, index, 0, truth - 1);
    const above = tighten(system, index, truth + 1, Number.POSITIVE_INFINITY);
    return !(below && solvable(below)) && !(above && solvable(above));
  });
}

interface Constraint {
  readonly vars: readonly number[];
  readonly coeffs: readonly number[];
  readonly rhs: number;
}

interface System {
  readonly constraints: readonly Constraint[];
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  /** The true values, tried first so that a nearby completion is found quickly. */
  readonly guess: readonly number[];
}

function linearSystem(
  cells: readonly BreakdownCell[],
  hidden: readonly BreakdownCell[],
  shape: BreakdownShape,
): System {
  const indexOf = new Map(hidden.map((cell, i) => [cell, i]));
  const constraints: Constraint[] = [];
  const addLine = (members: readonly BreakdownCell[], signs: readonly number[], total: number) => {
    const vars: number[] = [];
    const coeffs: number[] = [];
    let rhs = total;
    members.forEach((cell, i) => {
      const sign = signs[i] ?? 1;
      const v = indexOf.get(cell);
      if (v === undefined) {
        rhs -= sign * cell.count;
      } else {
        vars.push(v);
        coeffs.push(sign);
      }
    });
    constraints.push({ vars, coeffs, rhs });
  };

  const rows = groupBy(cells, (c) => `${c.block}\u0000${c.row}`);
  for (const members of rows.values()) {
    if (members.some((c) => c.rowTotalShown === false)) continue;
    const total = members.reduce((n, c) => n + c.count, 0);
    addLine(
      members,
      members.map(() => 1),
      total,
    );
  }

  const totals = cells.filter((c) => c.block === shape.totalBlock);
  const blocks = groupBy(
    cells.filter((c) => c.block !== shape.totalBlock),
    (c) => c.block,
  );
  for (const blockCells of blocks.values()) {
    for (const [group, members] of groupBy(blockCells, (c) => c.group)) {
      const totalCell = totals.find((t) => t.group === group);
      if (!totalCell) continue;
      addLine([...members, totalCell], [...members.map(() => 1), -1], 0);
    }
  }

  const hi = hidden.map((cell) =>
    (rows.get(`${cell.block}\u0000${cell.row}`) ?? []).reduce((n, c) => n + c.count, 0),
  );
  return {
    constraints,
    lo: hidden.map(() => 0),
    hi,
    guess: hidden.map((c) => c.count),
  };
}

function tighten(system: System, index: number, lo: number, hi: number): System | null {
  const newLo = Math.max(system.lo[index] ?? 0, lo);
  const newHi = Math.min(system.hi[index] ?? 0, hi);
  if (newLo > newHi) return null;
  const los = [...system.lo];
  const his = [...system.hi];
  los[index] = newLo;
  his[index] = newHi;
  return { ...system, lo: los, hi: his };
}

/** Whether some whole-number assignment within the bounds meets every constraint. */
function solvable(system: System): boolean {
  const lo = [...system.lo];
  const hi = [...system.hi];
  if (!propagate(system.constraints, lo, hi)) return false;
  return search(system, lo, hi);
}

function search(system: System, lo: number[], hi: number[]): boolean {
  let pick = -1;
  for (let i = 0; i < lo.length; i++) {
    const width = (hi[i] ?? 0) - (lo[i] ?? 0);
    if (width > 0 && (pick < 0 || width < (hi[pick] ?? 0) - (lo[pick] ?? 0))) pick = i;
  }
  if (pick < 0) return system.constraints.every((c) => slack(c, lo) === 0);

  const from = lo[pick] ?? 0;
  const to = hi[pick] ?? 0;
  const guess = Math.min(Math.max(system.guess[pick] ?? from, from), to);
  for (const value of nearestFirst(guess, from, to)) {
    const nextLo = [...lo];
    const nextHi = [...hi];
    nextLo[pick] = value;
    nextHi[pick] = value;
    if (propagate(system.constraints, nextLo, nextHi) && search(system, nextLo, nextHi)) {
      return true;
    }
  }
  return false;
}

function* nearestFirst(guess: number, from: number, to: number): Generator<number> {
  yield guess;
  for (let step = 1; guess - step >= from || guess + step <= to; step++) {
    if (guess + step <= to) yield guess + step;
    if (guess - step >= from) yield guess - step;
  }
}

/** Bounds consistency on sums of ±1 terms; false when some bound crosses. */
function propagate(constraints: readonly Constraint[], lo: number[], hi: number[]): boolean {
  for (let changed = true; changed;) {
    changed = false;
    for (const c of constraints) {
      let min = 0;
      let max = 0;
      c.vars.forEach((v, i) => {
        const a = c.coeffs[i] ?? 1;
        min += a > 0 ? (lo[v] ?? 0) : -(hi[v] ?? 0);
        max += a > 0 ? (hi[v] ?? 0) : -(lo[v] ?? 0);
      });
      if (c.rhs < min || c.rhs > max) return false;
      for (let i = 0; i < c.vars.length; i++) {
        const v = c.vars[i] ?? 0;
        const a = c.coeffs[i] ?? 1;
        const own = [a > 0 ? (lo[v] ?? 0) : -(hi[v] ?? 0), a > 0 ? (hi[v] ?? 0) : -(lo[v] ?? 0)];
        const restMin = min - (own[0] ?? 0);
        const restMax = max - (own[1] ?? 0);
        const termLo = c.rhs - restMax;
        const termHi = c.rhs - restMin;
        const newLo = a > 0 ? termLo : -termHi;
        const newHi = a > 0 ? termHi : -termLo;
        if (newLo > (lo[v] ?? 0)) {
          lo[v] = newLo;
          changed = true;
        }
        if (newHi < (hi[v] ?? 0)) {
          hi[v] = newHi;
          changed = true;
        }
        if ((lo[v] ?? 0) > (hi[v] ?? 0)) return false;
      }
    }
  }
  return true;
}

function slack(c: Constraint, values: readonly number[]): number {
  return c.vars.reduce((sum, v, i) => sum + (c.coeffs[i] ?? 1) * (values[v] ?? 0), 0) - c.rhs;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
