import { describe, expect, it } from 'vitest';
import { ResultCache } from './result-cache.js';

describe('ResultCache', () => {
  it('runs a query once for concurrent and later readers of the same SQL and values', async () => {
    const cache = new ResultCache();
    let runs = 0;
    const run = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 5));
      return [{ n: runs }];
    };
    const [a, b] = await Promise.all([
      cache.get('q', ['Sales'], run),
      cache.get('q', ['Sales'], run),
    ]);
    expect(await cache.get('q', ['Sales'], run)).toEqual([{ n: 1 }]);
    expect([a, b, runs]).toEqual([[{ n: 1 }], [{ n: 1 }], 1]);
  });

  it('keeps readers with different row-filter values apart', async () => {
    const cache = new ResultCache();
    await cache.get('q', ['Sales'], () => Promise.resolve([{ bu: 'Sales' }]));
    expect(await cache.get('q', ['Support'], () => Promise.resolve([{ bu: 'Support' }]))).toEqual([
      { bu: 'Support' },
    ]);
  });

  it('drops a result that was still being computed when the data changed', async () => {
    const cache = new ResultCache();
    let release: () => void = () => undefined;
    const slow = cache.get('q', [], () => new Promise((r) => (release = () => r([{ v: 'old' }]))));
    cache.clear();
    release();
    await slow;
    expect(await cache.get('q', [], () => Promise.resolve([{ v: 'new' }]))).toEqual([{ v: 'new' }]);
  });

  it('keeps the newer query for a key when one started before a clear() finishes later', async () => {
    const cache = new ResultCache();
    let release: () => void = () => undefined;
    const old = cache.get('q', [], () => new Promise((r) => (release = () => r([{ v: 'old' }]))));
    cache.clear();
    const fresh = cache.get('q', [], () => Promise.resolve([{ v: 'new' }]));
    release();
    await Promise.all([old, fresh]);
    let ran = false;
    const again = await cache.get('q', [], () => ((ran = true), Promise.resolve([])));
    expect({ again, ran }).toEqual({ again: [{ v: 'new' }], ran: false });
  });

  it('forgets failures and evicts the least recently used entry', async () => {
    const cache = new ResultCache(2);
    await expect(cache.get('bad', [], () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await Promise.resolve();
    expect(cache.size).toBe(0);
    await cache.get('a', [], () => Promise.resolve([]));
    await cache.get('b', [], () => Promise.resolve([]));
    await cache.get('a', [], () => Promise.resolve([]));
    await cache.get('c', [], () => Promise.resolve([]));
    let ran = false;
    await cache.get('a', [], () => ((ran = true), Promise.resolve([])));
    expect(ran).toBe(false);
  });
});
