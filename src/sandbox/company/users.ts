/**
 * Greenhouse users. Every user except the integration service account is an employee in
 * Workday (its `employee_id` is the Workday Employee ID): the recruiting team, the managers of
 * every department, HRIS site admins, and a pool of interviewers drawn from the workforce. A few
 * interviewers are biased: their scores for one demographic group sit far below their own
 * baseline, which ground truth records.
 */
import type { Rng } from '../random.js';
import type { SimDay, SimTime } from '../time.js';
import { idAt } from './ids.js';
import type { Company, Department, InterviewerBias, Office, User, Worker } from './model.js';
import { workerStateAt } from './worker-state.js';

/** When a user's worker is employed; interviews are only scheduled inside this window. */
export interface ActiveWindow {
  readonly from: SimDay;
  readonly to: SimDay;
}

export interface Staff {
  readonly serviceAccount: User;
  readonly recruiters: readonly User[];
  readonly coordinators: readonly User[];
  readonly sourcers: readonly User[];
  readonly admins: readonly User[];
  /** Department manager users by department index. */
  readonly managers: ReadonlyMap<Department, User>;
  /** Interviewer users by area name. */
  readonly interviewers: ReadonlyMap<string, readonly User[]>;
  readonly windows: ReadonlyMap<User, ActiveWindow>;
}

export function buildStaff(company: Company, rng: Rng, recruitingStart: SimTime): Staff {
  const windows = new Map<User, ActiveWindow>();
  const add = (
    worker: Worker | null,
    roles: User['roles'],
    options: { siteAdmin?: boolean; canSeePrivate?: boolean; bias?: InterviewerBias | null } = {},
  ): User => {
    const index = company.users.length;
    const hire = worker ? firstHireEntry(worker) : recruitingStart;
    const createdAt = Math.max(recruitingStart - rng.int(1, 90) * 86_400, hire);
    const position = worker
      ? workerStateAt(worker, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
      : null;
    const lastPosition = position?.primary ?? firstPosition(worker);
    const user: User = {
      id: idAt('user', index),
      worker,
      firstName: worker ? (worker.preferredFirstName ?? worker.legalFirstName) : 'Integration',
      lastName: worker ? worker.legalLastName : 'Service User',
      primaryEmail: worker?.workEmail ?? '',
      siteAdmin: options.siteAdmin ?? false,
      canSeePrivate: options.canSeePrivate ?? options.siteAdmin ?? false,
      serviceAccount: worker === null,
      roles,
      departments: lastPosition ? [lastPosition.department] : [],
      offices: lastPosition ? [lastPosition.office] : ([] as Office[]),
      leniency: rng.normal(0, 0.3),
      bias: options.bias ?? null,
      createdAt,
      updatedAt: createdAt,
    };
    company.users.push(user);
    if (worker) {
      worker.user = user;
      windows.set(user, activeWindow(worker));
    }
    return user;
  };

  const serviceAccount = add(null, ['admin'], { siteAdmin: true, canSeePrivate: true });
  const byTitle = (title: string): Worker[] =>
    company.workers.filter((w) => w.stable && firstPosition(w)?.title === title);
  const recruiters = byTitle('Senior Recruiter').map((w) => add(w, ['recruiter']));
  const coordinators = byTitle('Recruiting Coordinator').map((w) => add(w, ['coordinator']));
  const sourcers = byTitle('Technical Sourcer').map((w) => add(w, ['sourcer']));
  const admins = byTitle('HRIS Analyst').map((w, i) =>
    add(w, ['admin'], { siteAdmin: true, canSeePrivate: i !== 1 }),
  );

  // Some hiring managers of busy teams are biased too: they interview every candidate who
  // passes the recruiter screen, so their bias shows in enough scorecards to be found.
  const rate = company.settings.biasedInterviewerRate;
  const teamManagers = company.departments.filter(
    (d) => d.parent && BUSY_AREAS.has(d.area.name),
  ).length;
  const biasedManagersWanted = rate > 0 ? Math.max(1, Math.round(teamManagers * rate * 2)) : 0;
  let biasedManagers = 0;
  const managers = new Map<Department, User>();
  for (const department of company.departments) {
    if (!department.manager) continue;
    const eligible = department.parent !== null && BUSY_AREAS.has(department.area.name);
    const bias =
      eligible && biasedManagers < biasedManagersWanted && rng.chance(0.35) ? drawBias(rng) : null;
    if (bias) biasedManagers++;
    managers.set(department, add(department.manager, ['manager', 'interviewer'], { bias }));
  }

  const interviewers = new Map<string, User[]>();
  const pool = company.workers.filter(
    (w) => !w.stable && w.kind === 'employee' && w.origin === 'workforce',
  );
  const wanted = Math.min(pool.length, Math.max(12, Math.round(company.settings.employees * 0.22)));
  const biasedWanted = rate > 0 ? Math.max(1, Math.round(wanted * rate)) : 0;
  const chosen = new Set<Worker>();
  for (let guard = 0; chosen.size < wanted && guard < wanted * 10; guard++) {
    chosen.add(rng.pick(pool));
  }
  let biased = 0;
  for (const worker of chosen) {
    const area = firstPosition(worker)?.department.area.name ?? 'Engineering';
    const bias = biased < biasedWanted && rng.chance(0.5) ? drawBias(rng) : null;
    if (bias) biased++;
    const user = add(worker, ['interviewer'], { bias });
    const list = interviewers.get(area) ?? [];
    list.push(user);
    interviewers.set(area, list);
  }
  for (const manager of managers.values()) {
    const area = manager.departments[0]?.area.name ?? 'Engineering';
    const list = interviewers.get(area) ?? [];
    if (list.length < 3) list.push(manager);
    interviewers.set(area, list);
  }
  return {
    serviceAccount,
    recruiters,
    coordinators,
    sourcers,
    admins,
    managers,
    interviewers,
    windows,
  };
}

/** Areas that hire the most, where a biased interviewer affects many candidates. */
const BUSY_AREAS = new Set(['Engineering', 'Sales', 'Customer Success', 'Data']);

function drawBias(rng: Rng): InterviewerBias {
  const roll = rng.next();
  if (roll < 0.55) return { attribute: 'gender', against: 'female', shift: rng.between(1.4, 2.1) };
  if (roll < 0.8) return { attribute: 'race', against: 'black', shift: rng.between(1.4, 2.1) };
  return { attribute: 'race', against: 'hispanic', shift: rng.between(1.4, 2.1) };
}

function firstHireEntry(worker: Worker): SimTime {
  const hire = worker.events.find((e) => e.type === 'hire' || e.type === 'contract');
  return hire ? hire.entered : 0;
}

function firstPosition(worker: Worker | null) {
  const hire = worker?.events.find((e) => e.type === 'hire' || e.type === 'contract');
  return hire && (hire.type === 'hire' || hire.type === 'contract') ? hire.position : null;
}

function activeWindow(worker: Worker): ActiveWindow {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.POSITIVE_INFINITY;
  for (const event of worker.events) {
    if (event.type === 'hire' || event.type === 'contract') from = Math.min(from, event.effective);
    if (event.type === 'terminate' || event.type === 'end-contract') {
      to = Math.min(to, event.effective);
    }
    if (event.type === 'rescind') from = Number.POSITIVE_INFINITY;
  }
  return { from, to };
}
