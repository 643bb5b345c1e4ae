/**
 * Runs one command as a child process and measures it the same way for both tools: wall time,
 * CPU time (user + system) and peak resident memory of the process and its children, from
 * GNU time when it is installed, else from the wall clock and `/proc/<pid>/status` (VmHWM).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

/** One measured run. */
export interface Measurement {
  /** Seconds. */
  readonly wall: number;
  /** User plus system CPU seconds; NaN without GNU time. */
  readonly cpu: number;
  /** Peak resident memory, MiB. */
  readonly peakMiB: number;
  /** The 1-minute load average when the run started, for judging noise. */
  readonly load: number;
}

export interface Command {
  readonly program: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Runs the command to completion; throws with the output's tail when it exits non-zero. */
export async function measure(command: Command): Promise<Measurement> {
  const load = loadAverage();
  const stats = join(tmpdir(), `hrflow-bench-time-${process.pid}-${Date.now()}.txt`);
  const useTime = existsSync(GNU_TIME);
  const [program, args] = useTime
    ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', stats, command.program, ...command.args]]
    : [command.program, [...command.args]];
  const started = process.hrtime.bigint();
  let peakKiB = 0;
  const output: string[] = [];

  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(program, args, { cwd: command.cwd, env: command.env });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const poll = useTime
      ? undefined
      : setInterval(() => {
          peakKiB = Math.max(peakKiB, vmHwmKiB(child.pid));
        }, 50);
    child.on('error', reject);
    child.on('close', (exit) => {
      if (poll) clearInterval(poll);
      resolve(exit);
    });
  });
  const wallClock = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) {
    const text = output.join('');
    writeFileSync(join(command.cwd, 'bench-failure.log'), text);
    throw new Error(
      `${command.program} ${command.args.join(' ')} exited ${String(code)}:\n${text.slice(-3000)}`,
    );
  }
  if (!useTime) return { wall: wallClock, cpu: Number.NaN, peakMiB: peakKiB / 1024, load };

  // GNU time writes its line last, after anything the command printed about its own exit.
  const last = readFileSync(stats, 'utf8').trim().split('\n').pop() ?? '';
  const [wall, user, system, maxKiB] = last.split(' ').map(Number);
  rmSync(stats, { force: true });
  return {
    wall: wall ?? wallClock,
    cpu: (user ?? 0) + (system ?? 0),
    peakMiB: (maxKiB ?? 0) / 1024,
    load,
  };
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
}

function vmHwmKiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
