import { describe, expect, it } from 'vitest';
import { HrflowError } from '../../core/errors.js';
import type { NodeId } from '../project/nodes.js';
import { silentReporter } from './reporter.js';
import type { RunReporter } from './reporter.js';
import type { NodeResult } from './results.js';
import { schedule } from './scheduler.js';
import type { SchedulableNode } from './scheduler.js';

const node = (name: string, waitsFor: string[] = []): SchedulableNode => ({
  id: `model.p.${name}` as NodeId,
  kind: 'model',
  name,
  description: name,
  waitsFor: waitsFor.map((w) => `model.p.${w}` as NodeId),
});

function run(
  nodes: SchedulableNode[],
  fail: Set<string>,
  options: { threads?: number; failFast?: boolean; reporter?: RunReporter } = {},
) {
  const order: string[] = [];
  let running = 0;
  let peak = 0;
  return schedule({
    command: 'run',
    nodes,
    threads: options.threads ?? 2,
    failFast: options.failFast ?? false,
    reporter: options.reporter ?? silentReporter,
    invocationId: 'inv',
    openWorker: () => Promise.resolve(null),
    closeWorker: () => undefined,
    work: async (n, _w, threadId): Promise<NodeResult> => {
      running++;
      peak = Math.max(peak, running);
      order.push(n.name);
      await new Promise((r) => setTimeout(r, n.name.startsWith('slow') ? 30 : 5));
      running--;
      const at = new Date();
      if (fail.has(n.name)) throw new HrflowError('sql-error', `boom in ${n.name}`);
      return {
        id: n.id,
        kind: n.kind,
        name: n.name,
        status: 'success',
        message: 'OK',
        startedAt: at,
        completedAt: at,
        executionTime: 0,
        threadId,
      };
    },
  }).then((result) => ({ result, order, peak }));
}

describe('the run state machine', () => {
  it('runs parents before children and uses the threads it is given', async () => {
    const { result, order, peak } = await run(
      [node('a'), node('b'), node('c', ['a', 'b']), node('d', ['c'])],
      new Set(),
    );
    expect(result.results.map((r) => r.status)).toEqual([
      'success',
      'success',
      'success',
      'success',
    ]);
    expect(order.indexOf('c')).toBeGreaterThan(order.indexOf('a'));
    expect(order.indexOf('c')).toBeGreaterThan(order.indexOf('b'));
    expect(order.at(-1)).toBe('d');
    expect(peak).toBe(2);
  });

  it('skips the descendants of a failed node and runs everything else', async () => {
    const { result } = await run(
      [node('a'), node('b', ['a']), node('c', ['b']), node('x')],
      new Set(['a']),
    );
    const by = Object.fromEntries(result.results.map((r) => [r.name, r]));
    expect(by.a?.status).toBe('error');
    expect(by.a?.message).toContain('boom in a');
    expect(by.b?.status).toBe('skipped');
    expect(by.b?.skippedBecause).toBe('model.p.a');
    expect(by.c?.status).toBe('skipped');
    expect(by.x?.status).toBe('success');
  });

  it('stops starting new nodes after the first failure with fail-fast', async () => {
    const { result } = await run([node('a'), node('b', ['a']), node('c', ['b'])], new Set(['a']), {
      threads: 1,
      failFast: true,
    });
    expect(result.stoppedEarly).toBe(true);
    expect(result.results.map((r) => r.status)).toEqual(['error', 'skipped', 'skipped']);
  });

  it('prints each node under one number, from its start line to its result line', async () => {
    const started = new Map<string, number>();
    const finished = new Map<string, number>();
    const reporter: RunReporter = {
      ...silentReporter,
      nodeStarted: (info) => started.set(info.name, info.index),
      nodeFinished: (result, index) => finished.set(result.name, index),
    };
    await run(
      [node('slow_a'), node('b'), node('c', ['b']), node('x'), node('y', ['x']), node('z')],
      new Set(['x']),
      { threads: 2, reporter },
    );
    // slow_a starts first and finishes after b, c and x: its result keeps number 1.
    expect(started.get('slow_a')).toBe(1);
    expect(finished.get('slow_a')).toBe(1);
    for (const [name, index] of started) expect(finished.get(name)).toBe(index);
    // y never starts: skipped after x fails, it takes the next free number.
    expect(started.has('y')).toBe(false);
    expect([...finished.values()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('finishes an empty run', async () => {
    const { result } = await run([], new Set());
    expect(result.results).toEqual([]);
  });
});
