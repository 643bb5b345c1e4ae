/**
 * The CLI side of "the server owns the warehouse": before a command opens the warehouse it
 * looks for a live `hrflow serve` holding the same file. If one runs, the command becomes a job
 * on that server and its progress streams back over server-sent events, replayed on the same
 * reporters a direct run uses; otherwise the command works directly.
 */
import { resolve } from 'node:path';
import { createParser } from 'eventsource-parser';
import { ERROR_CODES, HrflowError } from '../../core/errors.js';
import type { ErrorCode } from '../../core/errors.js';
import type { SyncReporter } from '../../connectors/progress/sync-events.js';
import type { RunReporter } from '../../engine/run/reporter.js';
import { processAlive, readDiscovery } from '../discovery.js';
import type { Discovery } from '../discovery.js';
import { fromWireError, fromWireSync, replayOnReporter } from '../jobs/job-events.js';
import type { JobEvent, JobStatus } from '../jobs/job-events.js';
import type { JobSpec } from '../jobs/job.js';

export interface ServerHandle {
  readonly baseUrl: string;
  readonly token: string;
  readonly pid: number;
}

/** The server holding `warehousePath`, when one is alive and answering; undefined otherwise. */
export async function findServer(
  targetDir: string,
  warehousePath: string,
): Promise<ServerHandle | undefined> {
  const discovery = readDiscovery(targetDir);
  if (!discovery || !processAlive(discovery.pid)) return undefined;
  if (resolve(discovery.warehouse) !== resolve(warehousePath)) return undefined;
  const handle = handleOf(discovery);
  try {
    const response = await fetch(`${handle.baseUrl}/healthz`, {
      signal: AbortSignal.timeout(3_000),
    });
    return response.ok ? handle : undefined;
  } catch {
    return undefined;
  }
}

export interface JobOutcome {
  readonly status: JobStatus;
  readonly failures: number;
}

export interface Followers {
  /** Receives engine progress (run, build, test, seed, snapshot). */
  readonly reporter?: RunReporter;
  /** Receives sync progress. */
  readonly sync?: SyncReporter;
  /** Told once the job is queued, with its id. */
  readonly queued?: (id: string) => void;
}

/** Submits `spec` and follows it to the end; throws the job's error when it errored. */
export async function runOnServer(
  server: ServerHandle,
  spec: JobSpec,
  followers: Followers,
): Promise<JobOutcome> {
  const response = await request(server, '/api/jobs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  const body = (await response.json().catch(() => ({}))) as { id?: unknown; error?: unknown };
  if (response.status !== 202 || typeof body.id !== 'string') {
    throw new HrflowError('server-error', `the server refused the job (HTTP ${response.status})`, {
      details: { body },
      hint: 'See the server log.',
    });
  }
  followers.queued?.(body.id);
  return follow(server, body.id, followers);
}

/**
 * Runs read-only SQL on the server's warehouse and returns the rows a session on the file would
 * have returned; the server's refusal or SQL error comes back as the same hrflow error.
 */
export async function readOnServer<T extends Record<string, unknown>>(
  server: ServerHandle,
  sql: string,
): Promise<T[]> {
  const response = await request(server, '/api/local/read', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sql }),
  });
  const body: unknown = await response.json().catch(() => undefined);
  const rows = typeof body === 'object' && body !== null ? (body as { rows?: unknown }).rows : [];
  if (response.ok && Array.isArray(rows)) return rows as T[];
  throw new HrflowError(
    wireCode(body) ?? 'server-error',
    `${wireMessage(body) ?? `HTTP ${response.status}`} (read through hrflow serve, PID ${server.pid})`,
    { details: { status: response.status } },
  );
}

/** Follows a job's event stream, reconnecting from the last event seen if the stream drops. */
async function follow(server: ServerHandle, id: string, followers: Followers): Promise<JobOutcome> {
  let lastId = '0';
  for (let attempt = 0; attempt < 5; attempt++) {
    let outcome: JobOutcome | undefined;
    let failure: HrflowError | undefined;
    const parser = createParser({
      onEvent: (message) => {
        if (message.id) lastId = message.id;
        if (message.event !== 'job') return;
        const event = JSON.parse(message.data) as JobEvent;
        if (followers.reporter && replayOnReporter(event, followers.reporter)) return;
        if (event.type === 'sync') followers.sync?.event(fromWireSync(event.event));
        if (event.type === 'job-finished') {
          outcome = { status: event.status, failures: event.failures };
          if (event.error) failure = fromWireError(event.error);
        }
      },
    });
    try {
      const response = await request(server, `/api/jobs/${encodeURIComponent(id)}/events`, {
        headers: { accept: 'text/event-stream', 'last-event-id': lastId },
      });
      if (!response.ok || !response.body) {
        throw new HrflowError('server-error', `cannot follow job ${id} (HTTP ${response.status})`);
      }
      const text = response.body.pipeThrough(new TextDecoderStream());
      for await (const chunk of text) parser.feed(chunk);
    } catch (error) {
      if (error instanceof HrflowError) throw error;
      // The stream dropped; reconnect from the last event seen.
    }
    if (failure) throw failure;
    if (outcome) return outcome;
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
  throw new HrflowError('server-error', `lost the progress stream of job ${id}`, {
    hint: 'The job may still be running on the server; see its dashboard or log.',
  });
}

function wireCode(body: unknown): ErrorCode | undefined {
  const code = wireError(body)?.code;
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code)
    ? (code as ErrorCode)
    : undefined;
}

function wireMessage(body: unknown): string | undefined {
  const message = wireError(body)?.message;
  return typeof message === 'string' ? message : undefined;
}

function wireError(body: unknown): { code?: unknown; message?: unknown } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  return typeof error === 'object' && error !== null ? error : undefined;
}

function handleOf(discovery: Discovery): ServerHandle {
  const host =
    discovery.host === '0.0.0.0' || discovery.host === '::' ? '127.0.0.1' : discovery.host;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    baseUrl: `http://${shown}:${discovery.port}`,
    token: discovery.token,
    pid: discovery.pid,
  };
}

function request(server: ServerHandle, path: string, init: RequestInit): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      authorization: `Bearer ${server.token}`,
    },
  });
}
