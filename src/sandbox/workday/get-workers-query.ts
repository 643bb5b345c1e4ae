/**
 * The request side of SOAP `Get_Workers`: reading criteria, filters and paging out of the
 * envelope, and selecting the workers they describe. Transaction-log criteria select workers with
 * an event entered in the `Updated_From/Through` window and effective in the
 * `Effective_From/Through` window; several criteria blocks are OR-ed. Selections are cached across
 * pages until the company changes.
 */
import type { Worker, WorkerEvent } from '../company/model.js';
import { resolveEvents, workerStateAt } from '../company/worker-state.js';
import type { ResolvedEvent, WorkerState } from '../company/worker-state.js';
import type { SimDay, SimTime } from '../time.js';
import type { WorkdayView } from './render.js';
import { find, findAll, textOf } from './xml.js';
import type { XmlElement } from './xml.js';

const MAX_COUNT = 999;

const DEFAULT_COUNT = 100;

/** Business process names of the transaction log, by event type. */
export const TRANSACTION_TYPES: Readonly<Record<WorkerEvent['type'], string>> = {
  hire: 'Hire',
  contract: 'Contract Contingent Worker',
  'job-change': 'Change Job',
  'compensation-change': 'Request Compensation Change',
  'add-job': 'Add Additional Job',
  'end-job': 'End Additional Job',
  terminate: 'Terminate Employee',
  'end-contract': 'End Contingent Worker Contract',
  'name-change': 'Change Legal Name',
  rescind: 'Rescind',
  correct: 'Correct',
};

export interface Window {
  readonly updatedFrom?: SimTime;
  readonly updatedThrough?: SimTime;
  readonly effectiveFrom?: SimDay;
  readonly effectiveThrough?: SimDay;
  readonly types: ReadonlySet<string> | null;
}

export interface Query {
  readonly windows: readonly Window[];
  readonly references: readonly { readonly type: string; readonly value: string }[];
  readonly excludeInactive: boolean;
  readonly excludeEmployees: boolean;
  readonly excludeContingent: boolean;
  readonly asOfDay: SimDay;
  readonly asOfEntry: SimTime;
  readonly page: number;
  readonly count: number;
  readonly include: ReadonlySet<string>;
  readonly version: string;
}

export class Fault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Recent selections, so paging through a large result does not re-evaluate every worker for
 * each page. Keyed by the query without its page, and dropped when the company changes.
 */
export class SelectionCache {
  readonly #entries = new Map<string, { version: number; selected: Selected[] }>();

  get(view: WorkdayView, query: Query): Selected[] {
    const key = JSON.stringify({ ...query, page: 0, count: 0, include: [...query.include].sort() });
    const hit = this.#entries.get(key);
    if (hit && hit.version === view.company.version) return hit.selected;
    const selected = select(view, query);
    this.#entries.set(key, { version: view.company.version, selected });
    if (this.#entries.size > 8) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return selected;
  }
}

export function readQuery(view: WorkdayView, operation: XmlElement): Query {
  const company = view.company;
  const time = company.time;
  const moment = (text: string | undefined, name: string): SimTime | undefined => {
    if (text === undefined) return undefined;
    const parsed = time.parseMoment(stripDateOffset(text));
    if (parsed === undefined) {
      throw new Fault('Client.validationError', `Invalid value for ${name}: ${text}`);
    }
    return parsed;
  };
  const day = (text: string | undefined, name: string): SimDay | undefined => {
    const at = moment(text, name);
    return at === undefined ? undefined : time.dayOf(at);
  };

  const windows = findAll(operation, 'Transaction_Log_Criteria_Data').map((block): Window => {
    const range = find(block, 'Transaction_Date_Range_Data') ?? block;
    const updatedFrom = moment(textOf(range, 'Updated_From'), 'Updated_From');
    const updatedThrough = moment(textOf(range, 'Updated_Through'), 'Updated_Through');
    const effectiveFrom = day(textOf(range, 'Effective_From'), 'Effective_From');
    const effectiveThrough = day(textOf(range, 'Effective_Through'), 'Effective_Through');
    if ((updatedFrom === undefined) !== (updatedThrough === undefined)) {
      throw new Fault(
        'Client.validationError',
        'Updated_From and Updated_Through must be given together.',
      );
    }
    if ((effectiveFrom === undefined) !== (effectiveThrough === undefined)) {
      throw new Fault(
        'Client.validationError',
        'Effective_From and Effective_Through must be given together.',
      );
    }
    if (updatedFrom !== undefined && updatedThrough !== undefined && updatedFrom > updatedThrough) {
      throw new Fault(
        'Client.validationError',
        'Updated_From must be on or before Updated_Through.',
      );
    }
    if (
      effectiveFrom !== undefined &&
      effectiveThrough !== undefined &&
      effectiveFrom > effectiveThrough
    ) {
      throw new Fault(
        'Client.validationError',
        'Effective_From must be on or before Effective_Through.',
      );
    }
    if (updatedThrough !== undefined && updatedThrough > company.now) {
      throw new Fault('Client.validationError', 'Updated_Through cannot be in the future.');
    }
    const typeIds = findAll(block, 'Transaction_Type_References').flatMap((refs) =>
      findAll(refs, 'ID').map((id) => id.text.trim()),
    );
    return {
      updatedFrom,
      updatedThrough,
      effectiveFrom,
      effectiveThrough,
      types: typeIds.length > 0 ? new Set(typeIds) : null,
    };
  });

  const references = findAll(operation, 'Worker_Reference').flatMap((ref) =>
    findAll(ref, 'ID').map((id) => ({ type: id.attributes.type ?? 'WID', value: id.text.trim() })),
  );
  const flag = (name: string): boolean => ['true', '1'].includes(textOf(operation, name) ?? '');
  const filter = find(operation, 'Response_Filter');
  const page = Number(filter ? (textOf(filter, 'Page') ?? '1') : '1');
  const count = Number(
    filter ? (textOf(filter, 'Count') ?? String(DEFAULT_COUNT)) : String(DEFAULT_COUNT),
  );
  if (!Number.isInteger(page) || page < 1) {
    throw new Fault('Client.validationError', 'Page must be a whole number greater than 0.');
  }
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new Fault('Client.validationError', `Count must be between 1 and ${MAX_COUNT}.`);
  }
  const asOfDay =
    day(filter ? textOf(filter, 'As_Of_Effective_Date') : undefined, 'As_Of_Effective_Date') ??
    time.dayOf(company.now);
  // Entries younger than the indexing lag are invisible whatever the request asks for.
  const asOfEntry = Math.min(
    moment(filter ? textOf(filter, 'As_Of_Entry_DateTime') : undefined, 'As_Of_Entry_DateTime') ??
      view.visibleNow,
    view.visibleNow,
  );

  const group = find(operation, 'Response_Group');
  const include = new Set<string>();
  const defaults = [
    'Include_Reference',
    'Include_Personal_Information',
    'Include_Employment_Information',
    'Include_Compensation',
    'Include_Organizations',
  ];
  if (!group) {
    for (const name of defaults) include.add(name);
  } else {
    for (const child of group.children) {
      if (['true', '1'].includes(child.text.trim())) include.add(child.name);
    }
  }

  return {
    windows,
    references,
    excludeInactive: flag('Exclude_Inactive_Workers'),
    excludeEmployees: flag('Exclude_Employees'),
    excludeContingent: flag('Exclude_Contingent_Workers'),
    asOfDay,
    asOfEntry,
    page,
    count,
    include,
    version: operation.attributes.version ?? 'v44.0',
  };
}

export interface Selected {
  readonly worker: Worker;
  readonly state: WorkerState;
  readonly events: readonly ResolvedEvent[];
  readonly matched: readonly ResolvedEvent[];
}

export function select(view: WorkdayView, query: Query): Selected[] {
  const company = view.company;
  const selected: Selected[] = [];
  for (const worker of company.workers) {
    if (query.excludeEmployees && worker.kind === 'employee') continue;
    if (query.excludeContingent && worker.kind === 'contingent') continue;
    if (
      query.references.length > 0 &&
      !query.references.some((ref) => referenceMatches(worker, ref))
    ) {
      continue;
    }
    const events = resolveEvents(worker, query.asOfEntry);
    if (events.length === 0) continue;
    const matched =
      query.windows.length === 0
        ? events
        : events.filter((event) => query.windows.some((w) => inWindow(event, w)));
    if (query.windows.length > 0 && matched.length === 0) continue;
    const state = workerStateAt(worker, query.asOfDay, query.asOfEntry);
    if (query.windows.length === 0 && (state.status === 'none' || state.status === 'pre-hire')) {
      continue;
    }
    if (query.excludeInactive && state.status !== 'active') continue;
    selected.push({ worker, state, events, matched });
  }
  return selected;
}

function referenceMatches(worker: Worker, ref: { type: string; value: string }): boolean {
  if (ref.type === 'WID') return worker.wid === ref.value;
  if (ref.type === 'Employee_ID') {
    return worker.kind === 'employee' && worker.workerId === ref.value;
  }
  if (ref.type === 'Contingent_Worker_ID') {
    return worker.kind === 'contingent' && worker.workerId === ref.value;
  }
  return false;
}

function inWindow(resolved: ResolvedEvent, window: Window): boolean {
  const event = resolved.event;
  if (window.updatedFrom !== undefined && event.entered < window.updatedFrom) return false;
  if (window.updatedThrough !== undefined && event.entered > window.updatedThrough) return false;
  if (window.effectiveFrom !== undefined && resolved.effective < window.effectiveFrom) return false;
  if (window.effectiveThrough !== undefined && resolved.effective > window.effectiveThrough) {
    return false;
  }
  if (window.types && !window.types.has(TRANSACTION_TYPES[event.type])) return false;
  return true;
}

/** `2021-03-15-07:00` → `2021-03-15`: date-only values with an offset are still dates. */
function stripDateOffset(text: string): string {
  return /^\d{4}-\d{2}-\d{2}[+-]\d{2}:\d{2}$/.test(text) ? text.slice(0, 10) : text;
}
