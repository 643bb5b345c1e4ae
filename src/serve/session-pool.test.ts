import { describe, expect, it } from 'vitest';
import type { Session, Warehouse } from '../warehouse/warehouse.js';
import { SessionPool } from './session-pool.js';

/** A warehouse whose sessions only count how often they are opened and closed. */
function countingWarehouse(): { warehouse: Warehouse; opened: () => number; closed: () => number } {
  let opened = 0;
  let closed = 0;
  const warehouse = {
    session: () => {
      opened += 1;
      return Promise.resolve({ close: () => void (closed += 1) } as unknown as Session);
    },
  } as unknown as Warehouse;
  return { warehouse, opened: () => opened, closed: () => closed };
}

describe('SessionPool', () => {
  it('runs at most maxSessions reads at once and the rest in arrival order', async () => {
    const { warehouse, opened } = countingWarehouse();
    const pool = new SessionPool(warehouse, 2);
    const releases: (() => void)[] = [];
    const started: number[] = [];
    const reads = [0, 1, 2, 3].map((i) =>
      pool.use(async () => {
        started.push(i);
        await new Promise<void>((r) => releases.push(r));
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect({ started: [...started], busy: pool.active, queued: pool.queued }).toEqual({
      started: [0, 1],
      busy: 2,
      queued: 2,
    });
    releases.shift()?.();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    while (releases.length > 0 || started.length < 4) {
      releases.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(reads);
    expect({ opened: opened(), busy: pool.active, queued: pool.queued }).toEqual({
      opened: 2,
      busy: 0,
      queued: 0,
    });
  });

  it('hands the slot on when a read fails, and closes its sessions on close()', async () => {
    const { warehouse, closed } = countingWarehouse();
    const pool = new SessionPool(warehouse, 1);
    await expect(pool.use(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pool.use(() => Promise.resolve('next'))).toBe('next');
    pool.close();
    expect({ closed: closed(), busy: pool.active }).toEqual({ closed: 1, busy: 0 });
  });
});
