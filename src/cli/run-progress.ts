/**
 * The CLI's run reporter: dbt-style start and result lines with timings, a live status line on a
 * terminal, and a summary. With `--log-format json` every event is one JSON line instead.
 */
import { formatError } from '../core/errors.js';
import { redactor } from '../core/redact.js';
import type { RunReporter } from '../engine/run/reporter.js';
import type { NodeResult, RunResult } from '../engine/run/results.js';

const WIDTH = 80;

export interface ProgressOptions {
  readonly write: (text: string) => void;
  readonly format: 'text' | 'json';
  /** Draw and redraw a status line (only on a terminal). */
  readonly live: boolean;
  readonly now?: () => Date;
}

export function cliRunReporter(options: ProgressOptions): RunReporter {
  const now = options.now ?? (() => new Date());
  const running = new Set<string>();
  let done = 0;
  let total = 0;
  let statusShown = false;

  const emit = (line: string): void => {
    clearStatus();
    options.write(`${redactor.redact(line)}\n`);
    drawStatus();
  };
  const json = (event: Record<string, unknown>): void => {
    options.write(`${redactor.redact(JSON.stringify({ ts: now().toISOString(), ...event }))}\n`);
  };
  const clearStatus = (): void => {
    if (statusShown) options.write('\r\x1b[2K');
    statusShown = false;
  };
  const drawStatus = (): void => {
    if (!options.live || running.size === 0) return;
    const names =
      [...running].slice(0, 3).join(', ') + (running.size > 3 ? ` +${running.size - 3}` : '');
    options.write(`\x1b[2m  [${done}/${total}] running ${names}\x1b[0m`);
    statusShown = true;
  };
  const clock = (): string => now().toISOString().slice(11, 19);

  return {
    runStarted(info) {
      total = info.total;
      if (options.format === 'json') {
        json({ event: 'run_started', ...info });
      } else {
        emit(
          `${clock()}  Running ${info.command} on ${info.total} node(s) with ${info.threads} thread(s)`,
        );
      }
    },
    nodeStarted(info) {
      running.add(info.name);
      if (options.format === 'json') {
        json({ event: 'node_started', unique_id: info.id, index: info.index, total: info.total });
        return;
      }
      emit(dotted(`${clock()}  ${info.index} of ${info.total} START ${info.description}`, '[RUN]'));
    },
    nodeFinished(result, index, totalNodes) {
      running.delete(result.name);
      done++;
      if (options.format === 'json') {
        json({
          event: 'node_finished',
          unique_id: result.id,
          status: result.status,
          message: result.message,
          execution_time: result.executionTime,
          ...(result.failures !== undefined ? { failures: result.failures } : {}),
        });
        return;
      }
      emit(
        dotted(`${clock()}  ${index} of ${totalNodes} ${resultText(result)}`, `[${badge(result)}]`),
      );
    },
    hookFinished(hook) {
      if (options.format === 'json') {
        json({
          event: 'hook_finished',
          hook: `${hook.event}.${hook.index}`,
          status: hook.status,
          message: hook.message,
          execution_time: hook.executionTime,
        });
        return;
      }
      const verdict = hook.status === 'success' ? 'OK' : 'ERROR';
      emit(
        dotted(
          `${clock()}  ${verdict} hook ${hook.event} ${hook.index + 1}`,
          `[${verdict} in ${hook.executionTime.toFixed(2)}s]`,
        ),
      );
    },
    runFinished(run) {
      clearStatus();
      if (options.format === 'json') {
        json({ event: 'run_finished', ...counts(run), elapsed: elapsed(run) });
        return;
      }
      options.write(summary(run));
    },
  };
}

function resultText(r: NodeResult): string {
  switch (r.status) {
    case 'success':
      return `OK ${r.kind} ${r.name}: ${r.message}`;
    case 'pass':
      return `PASS ${r.name}`;
    case 'warn':
      return `WARN ${r.failures ?? ''} ${r.name}`;
    case 'fail':
      return `FAIL ${r.failures ?? ''} ${r.name}`;
    case 'error':
      return `ERROR ${r.kind} ${r.name}`;
    case 'skipped':
      return `SKIP ${r.kind} ${r.name}`;
  }
}

function badge(r: NodeResult): string {
  const time = `in ${r.executionTime.toFixed(2)}s`;
  switch (r.status) {
    case 'success':
      return `OK ${time}`;
    case 'pass':
      return `PASS ${time}`;
    case 'warn':
      return `WARN ${r.failures ?? 0} ${time}`;
    case 'fail':
      return `FAIL ${r.failures ?? 0} ${time}`;
    case 'error':
      return `ERROR ${time}`;
    case 'skipped':
      return 'SKIP';
  }
}

function dotted(left: string, right: string): string {
  const dots = Math.max(3, WIDTH - left.length - right.length - 2);
  return `${left} ${'.'.repeat(dots)} ${right}`;
}

interface Counts {
  pass: number;
  warn: number;
  error: number;
  skip: number;
  total: number;
}

function counts(run: RunResult): Counts {
  const c = { pass: 0, warn: 0, error: 0, skip: 0, total: run.results.length };
  for (const r of run.results) {
    if (r.status === 'success' || r.status === 'pass') c.pass++;
    else if (r.status === 'warn') c.warn++;
    else if (r.status === 'skipped') c.skip++;
    else c.error++;
  }
  return c;
}

function elapsed(run: RunResult): number {
  return (run.completedAt.getTime() - run.startedAt.getTime()) / 1000;
}

function summary(run: RunResult): string {
  const c = counts(run);
  const lines = ['', `Finished ${run.results.length} node(s) in ${elapsed(run).toFixed(2)}s.`];
  const problems = run.results.filter(
    (r) => r.status === 'error' || r.status === 'fail' || r.status === 'warn',
  );
  const failedHooks = (run.hooks ?? []).filter((h) => h.status === 'error');
  if (problems.length === 0 && failedHooks.length === 0) {
    lines.push('', 'Completed successfully');
  } else {
    const errors = c.error + failedHooks.length;
    lines.push('', `Completed with ${errors} error(s) and ${c.warn} warning(s):`);
    for (const hook of failedHooks) {
      lines.push('', `  Error in ${hook.event} hook ${hook.index + 1}`);
      const text = hook.error ? formatError(hook.error) : hook.message;
      lines.push(...text.split('\n').map((l) => `    ${l}`));
    }
    for (const r of problems) {
      lines.push('');
      if (r.status === 'error' && r.error) {
        lines.push(`  ${r.status === 'error' ? 'Error' : 'Failure'} in ${r.kind} ${r.name}`);
        lines.push(
          ...formatError(r.error)
            .split('\n')
            .map((l) => `    ${l}`),
        );
        const sqlLine = r.error.details?.text;
        if (typeof sqlLine === 'string') {
          lines.push(`    compiled line ${String(r.error.details?.line)}: ${sqlLine.trim()}`);
        }
      } else {
        lines.push(`  ${r.status === 'warn' ? 'Warning' : 'Failure'} in test ${r.name}`);
        lines.push(`    Got ${r.failures ?? 0} result(s)`);
      }
    }
  }
  if (run.stoppedEarly) lines.push('', 'Stopped early because of --fail-fast.');
  // The counts line holds no secrets, and `PASS=` would read as a password to the redactor.
  const done = `Done. PASS=${c.pass} WARN=${c.warn} ERROR=${c.error} SKIP=${c.skip} TOTAL=${c.total}`;
  return `${redactor.redact(lines.join('\n'))}\n\n${done}\n`;
}
