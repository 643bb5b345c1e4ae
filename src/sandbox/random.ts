/**
 * Seeded randomness for the sandbox. Every random choice the generator, the mutation engine and
 * the fault injector make goes through an {@link Rng}, so one seed always yields the same company
 * and the same fault sequence. `Math.random` is never used.
 */

/** A small, fast generator (sfc32) with the sampling helpers the generator needs. */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = seed >>> 0;
    // The first outputs of sfc32 still show the seed's structure; discard them.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.#c = (r + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** A whole number in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. Throws on an empty list, which is always a generator bug. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('Rng.pick on an empty list');
    return item;
  }

  /** An index drawn with probability proportional to `weights[i]`. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i] ?? 0;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }

  /** One element drawn with probability proportional to `weight(item)`. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const item = items[this.weightedIndex(items.map(weight))];
    if (item === undefined) throw new RangeError('Rng.weighted on an empty list');
    return item;
  }

  /** A standard normal draw scaled to `mean` and `sd` (Box-Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A log-normal draw with the given median; `sigma` is the spread of the underlying normal. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** An exponential draw with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** An independent stream derived from this one's seed and a label, for a separate concern. */
  fork(label: string): Rng {
    return new Rng(hash32(this.#d ^ this.#a, label));
  }
}

/**
 * A weighted picker for hot loops: the cumulative weights are computed once, and each draw is a
 * binary search.
 */
export class WeightedPicker<T> {
  readonly #items: readonly T[];
  readonly #cumulative: Float64Array;

  constructor(items: readonly T[], weight: (item: T) => number) {
    if (items.length === 0) throw new RangeError('WeightedPicker needs at least one item');
    this.#items = items;
    this.#cumulative = new Float64Array(items.length);
    let total = 0;
    items.forEach((item, i) => {
      total += Math.max(0, weight(item));
      this.#cumulative[i] = total;
    });
  }

  draw(rng: Rng): T {
    const cumulative = this.#cumulative;
    const target = rng.next() * (cumulative[cumulative.length - 1] ?? 0);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.#items[lo] as T;
  }
}

/** A 32-bit FNV-1a style hash of numbers and strings, for deriving seeds and stable ids. */
export function hash32(...parts: readonly (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    if (typeof part === 'number') {
      // Mix the number's two 32-bit halves without building a string.
      h = Math.imul(h ^ (part >>> 0), 0x01000193);
      h = Math.imul(h ^ Math.floor(part / 4294967296), 0x01000193);
      h = Math.imul(h ^ 0x23, 0x01000193);
      continue;
    }
    for (let i = 0; i < part.length; i++) {
      h ^= part.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-character lower-case hex id in Workday's WID shape, stable for its inputs. */
export function wid(...parts: readonly (number | string)[]): string {
  let out = '';
  for (let i = 0; i < 4; i++) {
    out += hash32(i, ...parts)
      .toString(16)
      .padStart(8, '0');
  }
  return out;
}

/** A seed number from user input: numbers pass through, strings are hashed. */
export function toSeed(seed: number | string): number {
  return typeof seed === 'number' && Number.isFinite(seed) ? seed >>> 0 : hash32(String(seed));
}
