/**
 * A worker's state on a date, folded from their effective-dated events. Two time axes decide
 * what counts, as in Workday: an event counts once it was entered (`enteredBy`, the "as of
 * entry" moment) and once it is effective (`asOfDay`). Rescinds remove their target; the latest
 * correction entered so far rewrites its target's date or termination details.
 */
import type { SimDay, SimTime } from '../time.js';
import type { Company, Compensation, Position, Termination, Worker, WorkerEvent } from './model.js';

export type WorkerStatus = 'none' | 'pre-hire' | 'active' | 'terminated';

export interface WorkerState {
  readonly status: WorkerStatus;
  readonly hireDay: SimDay | null;
  readonly originalHireDay: SimDay | null;
  readonly terminationDay: SimDay | null;
  readonly termination: Termination | null;
  readonly primary: Position | null;
  readonly additional: readonly Position[];
  readonly compensation: Compensation | null;
  readonly legalLastName: string;
  readonly contractEnd: SimDay | null;
  /** True when a hire of this worker was rescinded (and no other hire took its place). */
  readonly hireRescinded: boolean;
  /** The effective day of the last event folded in. */
  readonly lastChangeDay: SimDay | null;
}

/** An event as it stands at some entry moment: its corrected effective date and details. */
export interface ResolvedEvent {
  readonly event: WorkerEvent;
  readonly effective: SimDay;
  readonly termination: Termination | null;
  /** The event was rescinded, or is itself a rescind. */
  readonly rescinded: boolean;
  /** The event was corrected, or is itself a correction. */
  readonly corrected: boolean;
}

/** Every event entered by `enteredBy`, with rescinds and corrections applied. */
export function resolveEvents(worker: Worker, enteredBy: SimTime): ResolvedEvent[] {
  const rescinded = new Set<number>();
  const corrections = new Map<number, WorkerEvent & { type: 'correct' }>();
  for (const event of worker.events) {
    if (event.entered > enteredBy) continue;
    if (event.type === 'rescind') rescinded.add(event.target);
    if (event.type === 'correct') {
      const previous = corrections.get(event.target);
      if (!previous || previous.entered <= event.entered) corrections.set(event.target, event);
    }
  }
  const resolved: ResolvedEvent[] = [];
  for (const event of worker.events) {
    if (event.entered > enteredBy) continue;
    const correction = corrections.get(event.seq);
    resolved.push({
      event,
      effective: correction?.effectiveFix ?? event.effective,
      termination:
        correction?.terminationFix ??
        (event.type === 'terminate' || event.type === 'end-contract' ? event.termination : null),
      rescinded: rescinded.has(event.seq) || event.type === 'rescind',
      corrected: correction !== undefined || event.type === 'correct',
    });
  }
  return resolved;
}

/** The worker's state on `asOfDay`, counting what was entered by `enteredBy`. */
export function workerStateAt(worker: Worker, asOfDay: SimDay, enteredBy: SimTime): WorkerState {
  const events = resolveEvents(worker, enteredBy)
    .filter((e) => !e.rescinded && e.event.type !== 'correct')
    .sort((a, b) => a.effective - b.effective || a.event.entered - b.event.entered);
  const hires = new Set(
    worker.events.filter((e) => e.type === 'hire' || e.type === 'contract').map((e) => e.seq),
  );
  const rescindedHire = worker.events.some(
    (e) => e.type === 'rescind' && e.entered <= enteredBy && hires.has(e.target),
  );

  let status: WorkerStatus = 'none';
  let hireDay: SimDay | null = null;
  let originalHireDay: SimDay | null = null;
  let terminationDay: SimDay | null = null;
  let termination: Termination | null = null;
  let primary: Position | null = null;
  let additional: Position[] = [];
  let compensation: Compensation | null = null;
  let legalLastName = worker.legalLastName;
  let contractEnd: SimDay | null = null;
  let lastChangeDay: SimDay | null = null;
  let hired = false;

  for (const resolved of events) {
    const event = resolved.event;
    if (resolved.effective > asOfDay) {
      if ((event.type === 'hire' || event.type === 'contract') && status !== 'active') {
        status = 'pre-hire';
      }
      continue;
    }
    lastChangeDay = resolved.effective;
    switch (event.type) {
      case 'hire':
      case 'contract':
        status = 'active';
        hired = true;
        hireDay = resolved.effective;
        originalHireDay ??= resolved.effective;
        terminationDay = null;
        termination = null;
        primary = event.position;
        compensation = event.compensation;
        contractEnd = event.type === 'contract' ? event.contractEnd : null;
        break;
      case 'job-change':
        primary = event.position;
        break;
      case 'compensation-change':
        compensation = event.compensation;
        break;
      case 'add-job':
        additional = [...additional, event.position];
        break;
      case 'end-job':
        additional = additional.filter((p) => p.positionId !== event.positionId);
        break;
      case 'terminate':
      case 'end-contract':
        status = 'terminated';
        terminationDay = resolved.effective;
        termination = resolved.termination;
        additional = [];
        break;
      case 'name-change':
        legalLastName = event.lastName;
        break;
      case 'rescind':
      case 'correct':
        break;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled worker event ${JSON.stringify(unhandled)}`);
      }
    }
  }
  return {
    status,
    hireDay,
    originalHireDay,
    terminationDay,
    termination,
    primary,
    additional,
    compensation,
    legalLastName,
    contractEnd,
    hireRescinded: rescindedHire && !hired && status !== 'pre-hire',
    lastChangeDay,
  };
}

const currentCache = new WeakMap<Worker, { version: number; state: WorkerState }>();

/** The worker's state today, as the company's clock sees it; cached until the next mutation. */
export function currentState(company: Company, worker: Worker): WorkerState {
  const cached = currentCache.get(worker);
  if (cached && cached.version === company.version) return cached.state;
  const state = workerStateAt(worker, company.time.dayOf(company.now), company.now);
  currentCache.set(worker, { version: company.version, state });
  return state;
}
