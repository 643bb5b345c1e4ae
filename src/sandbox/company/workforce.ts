/**
 * The Workday side of the company: workers and their effective-dated event timelines. The
 * existing workforce is hired over the history window on a growth curve, with promotions,
 * transfers, annual merit increases, voluntary and involuntary terminations (some regrettable),
 * late-entered (back-dated) terminations, corrections, name changes, concurrent positions,
 * contingent workers (some converted to employees) and rescinded hires. Timelines run two years
 * past the company's present; events entered after `company.now` stay invisible until the
 * company is advanced past them, which is how future-dated changes appear over time.
 */
import type { Rng } from '../random.js';
import { WeightedPicker, wid } from '../random.js';
import { SECONDS_PER_DAY } from '../time.js';
import type { SimDay, SimTime } from '../time.js';
import type {
  Company,
  Compensation,
  Department,
  Job,
  JobProfile,
  Offer,
  Office,
  Person,
  Position,
  Termination,
  TerminationCategory,
  Worker,
  WorkerEvent,
  WorkerOrigin,
} from './model.js';
import type { Organisation } from './org.js';
import type { PeopleFactory } from './people.js';
import { asciiLocal, varyName } from './people.js';
import { workerStateAt } from './worker-state.js';
import { NICKNAMES } from './vocabulary/names.js';
import { AREAS } from './vocabulary/organisation.js';
import type { AreaSpec } from './vocabulary/organisation.js';

/** A worker event before it gets its sequence number. */
type NewEvent = WorkerEvent extends infer E
  ? E extends WorkerEvent
    ? Omit<E, 'seq'>
    : never
  : never;

/** Days past the company's present that timelines are planned for. */
const HORIZON_DAYS = 730;
const GROWTH_PER_YEAR = 0.22;
const LEVEL_WEIGHTS = [25, 35, 25, 11, 4];
const FORMAL_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(NICKNAMES).map(([formal, short]) => [short, formal]),
);

const VOLUNTARY_REASONS = [
  'Better Employment Opportunity',
  'Compensation',
  'Career Change',
  'Relocation',
  'Personal Reasons',
  'Return to School',
  'Retirement',
];
const INVOLUNTARY_REASONS = ['Performance', 'Misconduct', 'Reduction in Force', 'Job Elimination'];

/** Builds and changes workers; holds the counters that keep business ids unique. */
export class Workforce {
  readonly #company: Company;
  readonly #org: Organisation;
  readonly #people: PeopleFactory;
  readonly #rng: Rng;
  readonly #workEmails = new Set<string>();
  readonly #areaPicker: WeightedPicker<AreaSpec>;
  readonly #officePicker: WeightedPicker<Office>;
  #employeeSeq = 0;
  /**
   * One more than the highest worker index given out, removed workers included. A new worker's
   * index (and so its WID) is the length of `company.workers` as long as nobody was removed, but
   * never below this: after `adjustTo` removes workers the length falls, and a later hire would
   * otherwise take the WID of a worker still listed.
   */
  #nextWorkerIndex = 0;
  #contingentSeq = 0;
  #positionSeq = 0;

  constructor(company: Company, org: Organisation, people: PeopleFactory, rng: Rng) {
    this.#company = company;
    this.#org = org;
    this.#people = people;
    this.#rng = rng;
    this.#areaPicker = new WeightedPicker(AREAS, (area) => area.weight);
    this.#officePicker = new WeightedPicker(org.offices, (office) => office.spec.weight);
  }

  /** Managers, the recruiting team, then regular employees until `target` are active now. */
  buildExisting(target: number): void {
    const company = this.#company;
    const rng = this.#rng;
    const founding = this.#foundingDay();
    for (const department of this.#org.departments) {
      const createdDay = company.time.dayOf(department.createdAt);
      const family = department.area.families[0];
      if (!family) continue;
      const step = department.parent === null ? rng.int(2, 3) : rng.int(0, 1);
      const profile = this.#profile(family.code, 6 + step);
      const home = department.parent ?? department;
      const hireDay = Math.max(founding - 400, createdDay - rng.int(10, 200));
      const worker = this.#newWorker('employee', 'workforce', true, this.#office(rng));
      this.#hireTimeline(
        worker,
        hireDay,
        this.position(profile, profile.name, home, this.#office(rng)),
      );
      department.manager = worker;
    }
    const people = this.#org.areaDepartments.get(areaNamed('People'));
    const talent = this.#org.teamsByArea.get(areaNamed('People'))?.[0] ?? people;
    if (!talent) throw new RangeError('the People area has no department');
    const recruiters = Math.max(2, Math.round(target / 110));
    const roles: { title: string; code: string; count: number }[] = [
      { title: 'Senior Recruiter', code: 'REC-3', count: recruiters },
      {
        title: 'Recruiting Coordinator',
        code: 'REC-1',
        count: Math.max(1, Math.round(recruiters / 2)),
      },
      { title: 'Technical Sourcer', code: 'REC-2', count: Math.max(1, Math.round(recruiters / 3)) },
      { title: 'HRIS Analyst', code: 'HRP-2', count: 3 },
    ];
    for (const role of roles) {
      for (let i = 0; i < role.count; i++) {
        const profile = this.#profileByCode(role.code);
        const hireDay = founding + rng.int(0, 500);
        const worker = this.#newWorker('employee', 'workforce', true, this.#office(rng));
        this.#hireTimeline(
          worker,
          hireDay,
          this.position(profile, role.title, talent, this.#office(rng)),
        );
      }
    }
    this.adjustTo(target, new Set());
    this.#addContingents();
  }

  /**
   * Adds regular employees until exactly `target` employees are active at the company's present,
   * or, when recruiting hired more than expected, removes regular employees nothing refers to.
   */
  adjustTo(target: number, referenced: ReadonlySet<Worker>): void {
    let active = this.#countActiveEmployees();
    while (active < target) {
      if (this.#addRegular()) active++;
    }
    if (active <= target) return;
    const company = this.#company;
    const today = company.time.dayOf(company.now);
    const removed = new Set<Worker>();
    for (let i = company.workers.length - 1; i >= 0 && active > target; i--) {
      const worker = company.workers[i];
      if (!worker || worker.stable || worker.user || worker.origin !== 'workforce') continue;
      if (worker.kind !== 'employee' || referenced.has(worker)) continue;
      if (workerStateAt(worker, today, company.now).status !== 'active') continue;
      removed.add(worker);
      active--;
    }
    const kept = company.workers.filter((worker) => !removed.has(worker));
    company.workers.length = 0;
    for (const worker of kept) company.workers.push(worker);
  }

  /**
   * The Workday hire of an accepted Greenhouse offer, entered at `enteredAt` and effective on the
   * offer's start date; `rescindAfter` seconds later the hire is rescinded when set.
   */
  hireFromOffer(offer: Offer, enteredAt: SimTime, rescindAfter: number | null): Worker {
    const rng = this.#rng;
    const application = offer.application;
    const candidate = application.candidate;
    const person = candidate.person;
    const job = application.job;
    const office = job.offices[0] ?? this.#office(rng);
    const names = legalNames(rng, person);
    const emailRoll = rng.next();
    const settings = this.#company.settings;
    const personalEmail =
      emailRoll < settings.emailMatchRate && candidate.email
        ? candidate.email.trim().toLowerCase()
        : emailRoll < settings.emailMatchRate + (1 - settings.emailMatchRate) * 0.7
          ? this.#people.email(rng, person.firstName, person.lastName)
          : null;
    const worker = this.#newWorker('employee', 'greenhouse', false, office, {
      person,
      ...names,
      personalEmail,
    });
    const startDay = rng.chance(0.05) ? offer.startsOn + rng.int(-3, 14) : offer.startsOn;
    const position = this.position(job.profile, job.name, job.department, office);
    const compensation = {
      amount: offer.salary,
      currency: offer.currency,
      frequency: 'Annual',
    } as const;
    const hire = this.#event(worker, {
      type: 'hire',
      effective: startDay,
      entered: enteredAt,
      position,
      compensation,
      reason: job.openings[0]?.headcountType === 'Backfill' ? 'Backfill' : 'New Position',
    });
    if (rescindAfter !== null) {
      this.#event(worker, {
        type: 'rescind',
        effective: startDay,
        entered: enteredAt + rescindAfter,
        target: hire.seq,
      });
      return worker;
    }
    this.#careerAfterHire(worker, startDay, position, compensation, false, 0.13);
    return worker;
  }

  /** An internal hire: the existing worker moves into the job on the offer's start date. */
  moveInternally(worker: Worker, offer: Offer, enteredAt: SimTime): void {
    const job: Job = offer.application.job;
    const office = job.offices[0] ?? this.#office(this.#rng);
    this.#event(worker, {
      type: 'job-change',
      effective: offer.startsOn,
      entered: enteredAt,
      position: this.position(job.profile, job.name, job.department, office),
      reason: 'Internal Hire',
    });
  }

  /** A new position record. */
  position(
    profile: JobProfile,
    title: string,
    department: Department,
    office: Office,
    jobType: Position['jobType'] = 'Regular',
    fte = 100,
  ): Position {
    const seq = ++this.#positionSeq;
    return {
      positionId: `P-${String(seq).padStart(6, '0')}`,
      profile,
      title,
      department,
      office,
      timeType: fte >= 100 ? 'Full time' : 'Part time',
      fte,
      jobType,
    };
  }

  /** A random active-looking employee's worker, for internal applicants. */
  pickEmployee(rng: Rng, at: SimTime): Worker | null {
    const workers = this.#company.workers;
    for (let attempt = 0; attempt < 8; attempt++) {
      const worker = workers[rng.int(0, workers.length - 1)];
      if (!worker || worker.kind !== 'employee' || worker.stable) continue;
      if (isActiveAt(worker, this.#company.time.dayOf(at))) return worker;
    }
    return null;
  }

  #foundingDay(): SimDay {
    const company = this.#company;
    return company.time.dayOf(company.now) - Math.round(company.settings.historyYears * 365);
  }

  #addRegular(): boolean {
    const rng = this.#rng;
    const company = this.#company;
    const nowDay = company.time.dayOf(company.now);
    const founding = this.#foundingDay();
    const years = company.settings.historyYears;
    const u = rng.next();
    const offsetYears = Math.log(1 + u * (Math.exp(GROWTH_PER_YEAR * years) - 1)) / GROWTH_PER_YEAR;
    const futureHire = rng.chance(0.004);
    const hireDay = futureHire ? nowDay + rng.int(3, 60) : founding + Math.floor(offsetYears * 365);
    const area = this.#areaPicker.draw(rng);
    const teams = this.#org.teamsByArea.get(area) ?? [];
    const team = rng.pick(teams);
    const family = rng.pick(area.families);
    const level = 1 + rng.weightedIndex(LEVEL_WEIGHTS);
    const profile = this.#profile(family.code, level);
    const office = this.#office(rng);
    const worker = this.#newWorker('employee', 'workforce', false, office, undefined, area);
    const position = this.position(profile, profile.name, team, office);
    const rescinded = rng.chance(0.005);
    this.#hireTimeline(worker, hireDay, position, rescinded);
    return !rescinded && workerStateAt(worker, nowDay, company.now).status === 'active';
  }

  #addContingents(): void {
    const rng = this.#rng;
    const company = this.#company;
    const nowDay = company.time.dayOf(company.now);
    const target = Math.round(company.settings.employees * company.settings.contingentRate);
    let active = 0;
    let guard = 0;
    while (active < target && guard++ < target * 20) {
      const area = this.#areaPicker.draw(rng);
      const team = rng.pick(this.#org.teamsByArea.get(area) ?? []);
      const profile = this.#profile(rng.pick(area.families).code, rng.int(1, 3));
      const office = this.#office(rng);
      const worker = this.#newWorker('contingent', 'workforce', false, office, undefined, area);
      const start = nowDay - rng.int(0, 900);
      const end = start + rng.int(90, 540);
      const position = this.position(
        profile,
        `Contract ${profile.name}`,
        team,
        office,
        'Contractor',
      );
      const hourly = Math.round((profile.basePay / 1800) * office.country.payFactor);
      this.#event(worker, {
        type: 'contract',
        effective: start,
        entered: this.#workday(start - rng.int(2, 20)),
        position,
        compensation: { amount: hourly, currency: office.country.currency, frequency: 'Hourly' },
        contractEnd: end,
      });
      const termination: Termination = {
        category: 'voluntary',
        reason: 'Contract Ended',
        regrettable: false,
        eligibleForRehire: true,
      };
      this.#event(worker, {
        type: 'end-contract',
        effective: end,
        entered: this.#workday(end - rng.int(0, 14)),
        termination,
      });
      if (start <= nowDay && end > nowDay) active++;
      if (end < nowDay - 30 && rng.chance(0.15)) this.#convert(worker, end + 1, team, office);
    }
  }

  #convert(contractor: Worker, hireDay: SimDay, team: Department, office: Office): void {
    const rng = this.#rng;
    const area = team.area;
    const profile = this.#profile(rng.pick(area.families).code, rng.int(1, 3));
    const worker = this.#newWorker('employee', 'conversion', false, office, {
      person: contractor.person,
      legalFirstName: contractor.legalFirstName,
      legalLastName: contractor.legalLastName,
      preferredFirstName: contractor.preferredFirstName,
      personalEmail: contractor.personalEmail,
    });
    const position = this.position(profile, profile.name, team, office);
    this.#hireTimeline(worker, hireDay, position, false, 'Conversion');
  }

  #hireTimeline(
    worker: Worker,
    hireDay: SimDay,
    position: Position,
    rescinded = false,
    reason: 'New Position' | 'Backfill' | 'Conversion' = 'New Position',
  ): void {
    const rng = this.#rng;
    const pay = Math.round(
      position.profile.basePay * position.office.country.payFactor * rng.between(0.9, 1.12),
    );
    const compensation: Compensation = {
      amount: roundPay(pay),
      currency: position.office.country.currency,
      frequency: 'Annual',
    };
    const hire = this.#event(worker, {
      type: 'hire',
      effective: hireDay,
      entered: this.#workday(hireDay - rng.int(3, 35)),
      position,
      compensation,
      reason: reason === 'New Position' && rng.chance(0.35) ? 'Backfill' : reason,
    });
    if (rescinded) {
      this.#event(worker, {
        type: 'rescind',
        effective: hireDay,
        entered: this.#workday(hireDay - rng.int(0, 3)),
        target: hire.seq,
      });
      return;
    }
    this.#careerAfterHire(worker, hireDay, position, compensation, worker.stable, 0.08);
  }

  /**
   * Promotions, transfers, merit increases, concurrent jobs, name changes and the termination
   * that ends the worker's tenure, up to the planning horizon.
   */
  #careerAfterHire(
    worker: Worker,
    hireDay: SimDay,
    first: Position,
    firstPay: Compensation,
    stable: boolean,
    firstYearRisk: number,
  ): void {
    const rng = this.#rng;
    const company = this.#company;
    const settings = company.settings;
    const horizon = company.time.dayOf(company.now) + HORIZON_DAYS;
    const hazard = settings.voluntaryAttrition + settings.involuntaryAttrition;
    const tenureDays = stable
      ? Number.POSITIVE_INFINITY
      : rng.chance(firstYearRisk)
        ? rng.int(30, 364)
        : Math.round(rng.exponential(365 / Math.max(hazard, 0.001)));
    const endDay = Math.min(horizon, hireDay + tenureDays);

    let position = first;
    let pay = firstPay;
    let day = hireDay + Math.round(rng.between(0.9, 2.2) * 365);
    while (day < endDay) {
      const transfer = rng.chance(0.2);
      const level = position.profile.level;
      const promote = !transfer && level < 5;
      const profile = promote
        ? this.#profile(position.profile.family.spec.code, level + 1)
        : position.profile;
      const department = transfer
        ? rng.pick(this.#org.teamsByArea.get(position.department.area) ?? [position.department])
        : position.department;
      position = this.position(profile, profile.name, department, position.office);
      this.#event(worker, {
        type: 'job-change',
        effective: day,
        entered: this.#workday(day + rng.int(-10, 4)),
        position,
        reason: promote ? 'Promotion' : transfer ? 'Transfer' : 'Lateral Move',
      });
      if (promote) pay = { ...pay, amount: roundPay(pay.amount * rng.between(1.08, 1.15)) };
      day += Math.round(rng.between(1.2, 3.2) * 365);
    }

    for (
      let merit = nextAprilFirst(company, hireDay + 180);
      merit < endDay;
      merit = nextAprilFirst(company, merit + 1)
    ) {
      pay = { ...pay, amount: roundPay(pay.amount * rng.between(1.015, 1.05)) };
      this.#event(worker, {
        type: 'compensation-change',
        effective: merit,
        entered: this.#workday(merit - rng.int(7, 25)),
        compensation: pay,
      });
    }

    if (rng.chance(0.02) && endDay - hireDay > 200) {
      const start = hireDay + rng.int(60, Math.min(endDay - hireDay - 30, 1500));
      const area = position.department.area;
      const team = rng.pick(this.#org.teamsByArea.get(area) ?? [position.department]);
      const extra = this.position(
        position.profile,
        `Interim ${position.title}`,
        team,
        position.office,
        'Temporary',
        20,
      );
      this.#event(worker, {
        type: 'add-job',
        effective: start,
        entered: this.#workday(start - rng.int(0, 10)),
        position: extra,
      });
      const stop = start + rng.int(60, 400);
      if (stop < endDay) {
        this.#event(worker, {
          type: 'end-job',
          effective: stop,
          entered: this.#workday(stop - rng.int(0, 10)),
          positionId: extra.positionId,
        });
      }
    }

    if (worker.person.gender === 'female' && rng.chance(0.015) && endDay - hireDay > 120) {
      const when = hireDay + rng.int(30, Math.min(endDay - hireDay - 1, 2000));
      this.#event(worker, {
        type: 'name-change',
        effective: when,
        entered: this.#workday(when + rng.int(0, 20)),
        lastName: varyName(rng, worker.legalFirstName, worker.legalLastName).lastName,
      });
    }

    if (hireDay + tenureDays >= horizon) return;
    this.#terminate(worker, hireDay + tenureDays);
  }

  #terminate(worker: Worker, day: SimDay): void {
    const rng = this.#rng;
    const settings = this.#company.settings;
    const hazard = settings.voluntaryAttrition + settings.involuntaryAttrition;
    const category: TerminationCategory =
      rng.next() < settings.voluntaryAttrition / Math.max(hazard, 0.001)
        ? 'voluntary'
        : 'involuntary';
    const termination = terminationDetails(rng, category);
    const lateEntry = category === 'involuntary' ? rng.chance(0.25) : rng.chance(0.05);
    const entered = lateEntry
      ? this.#workday(day + rng.int(2, 25))
      : this.#workday(day - (category === 'voluntary' ? rng.int(10, 30) : rng.int(0, 5)));
    const event = this.#event(worker, { type: 'terminate', effective: day, entered, termination });
    if (rng.chance(0.015)) {
      const fixCategory: TerminationCategory =
        category === 'voluntary' ? 'involuntary' : 'voluntary';
      const fixDate = rng.chance(0.5);
      this.#event(worker, {
        type: 'correct',
        effective: day,
        entered: entered + rng.int(10, 40) * SECONDS_PER_DAY,
        target: event.seq,
        ...(fixDate
          ? { effectiveFix: day - rng.int(3, 14) }
          : { terminationFix: terminationDetails(rng, fixCategory) }),
      });
    }
  }

  #event(worker: Worker, event: NewEvent): WorkerEvent {
    const withSeq: WorkerEvent = { ...event, seq: this.#company.nextSeq++ };
    worker.events.push(withSeq);
    return withSeq;
  }

  #newWorker(
    kind: Worker['kind'],
    origin: WorkerOrigin,
    stable: boolean,
    office: Office,
    identity?: {
      person: Person;
      legalFirstName: string;
      legalLastName: string;
      preferredFirstName: string | null;
      personalEmail: string | null;
    },
    area: AreaSpec = rngArea(this.#rng),
  ): Worker {
    const company = this.#company;
    const rng = this.#rng;
    const seed = company.settings.seed;
    const person =
      identity?.person ??
      this.#people.create(
        rng,
        office.spec,
        office.country,
        area.femaleShare,
        company.now - rng.int(0, 3000) * SECONDS_PER_DAY,
      );
    const preferred = identity
      ? identity.preferredFirstName
      : NICKNAMES[person.firstName] && rng.chance(0.25)
        ? (NICKNAMES[person.firstName] ?? null)
        : null;
    const legalFirstName = identity?.legalFirstName ?? person.firstName;
    const legalLastName = identity?.legalLastName ?? person.lastName;
    const index = Math.max(company.workers.length, this.#nextWorkerIndex);
    this.#nextWorkerIndex = index + 1;
    const workerId =
      kind === 'employee'
        ? String(21_000 + ++this.#employeeSeq)
        : `C-${String(3000 + ++this.#contingentSeq)}`;
    const hasWorkEmail = kind === 'employee' || rng.chance(0.6);
    const worker: Worker = {
      index,
      wid: wid(seed, 'worker', index),
      personWid: wid(seed, 'person', person.index),
      universalId: `UID-${String(person.index + 1).padStart(8, '0')}`,
      workerId,
      kind,
      person,
      legalFirstName,
      legalLastName,
      preferredFirstName: preferred,
      personalEmail: identity ? identity.personalEmail : rng.chance(0.85) ? person.email : null,
      workEmail: hasWorkEmail ? this.#workEmail(preferred ?? legalFirstName, legalLastName) : null,
      workPhone:
        office.country.callingCode === '1'
          ? `${office.spec.areaCodes[0] ?? '415'}55501${rng.int(10, 99)}`
          : person.phone,
      origin,
      events: [],
      stable,
      user: null,
    };
    company.workers.push(worker);
    return worker;
  }

  #workEmail(first: string, last: string): string {
    const base = `${asciiLocal(first)}.${asciiLocal(last)}`;
    let local = base;
    for (let n = 2; this.#workEmails.has(local); n++) local = `${base}${n}`;
    this.#workEmails.add(local);
    return `${local}@${this.#company.domain}`;
  }

  #office(rng: Rng): Office {
    return this.#officePicker.draw(rng);
  }

  #profile(familyCode: string, level: number): JobProfile {
    const code = level <= 5 ? `${familyCode}-${level}` : `${familyCode}-M${level - 5}`;
    return this.#profileByCode(code);
  }

  #profileByCode(code: string): JobProfile {
    const profile = this.#org.profiles.find((p) => p.code === code);
    if (!profile) throw new RangeError(`no job profile ${code}`);
    return profile;
  }

  /** A moment during business hours on `day`. */
  #workday(day: SimDay): SimTime {
    return day * SECONDS_PER_DAY + this.#rng.int(8 * 3600, 19 * 3600);
  }

  #countActiveEmployees(): number {
    const company = this.#company;
    const today = company.time.dayOf(company.now);
    let count = 0;
    for (const worker of company.workers) {
      if (worker.kind !== 'employee') continue;
      if (workerStateAt(worker, today, company.now).status === 'active') count++;
    }
    return count;
  }
}

/** Whether the worker's simple timeline (hire, terminate) has them active on `day`. */
export function isActiveAt(
  worker: Worker,
  day: SimDay,
  enteredBy = Number.POSITIVE_INFINITY,
): boolean {
  let hired = false;
  let hireSeq = -1;
  for (const event of worker.events) {
    if (event.entered > enteredBy) continue;
    if ((event.type === 'hire' || event.type === 'contract') && event.effective <= day) {
      hired = true;
      hireSeq = event.seq;
    }
    if (
      (event.type === 'terminate' || event.type === 'end-contract') &&
      event.effective <= day &&
      hired
    ) {
      hired = false;
    }
    if (event.type === 'rescind' && event.target === hireSeq) hired = false;
  }
  return hired;
}

function areaNamed(name: string): AreaSpec {
  const area = AREAS.find((a) => a.name === name);
  if (!area) throw new RangeError(`no area ${name}`);
  return area;
}

function rngArea(rng: Rng): AreaSpec {
  return rng.pick(AREAS);
}

function legalNames(
  rng: Rng,
  person: Person,
): { legalFirstName: string; legalLastName: string; preferredFirstName: string | null } {
  const roll = rng.next();
  const formal = FORMAL_NAMES[person.firstName];
  if (roll < 0.08 && formal) {
    return {
      legalFirstName: formal,
      legalLastName: person.lastName,
      preferredFirstName: person.firstName,
    };
  }
  if (roll < 0.12) {
    return {
      legalFirstName: person.firstName,
      legalLastName: varyName(rng, person.firstName, person.lastName).lastName,
      preferredFirstName: null,
    };
  }
  return {
    legalFirstName: person.firstName,
    legalLastName: person.lastName,
    preferredFirstName: null,
  };
}

function terminationDetails(rng: Rng, category: TerminationCategory): Termination {
  if (category === 'voluntary') {
    return {
      category,
      reason: rng.pick(VOLUNTARY_REASONS),
      regrettable: rng.chance(0.45),
      eligibleForRehire: rng.chance(0.92),
    };
  }
  return {
    category,
    reason: rng.pick(INVOLUNTARY_REASONS),
    regrettable: false,
    eligibleForRehire: rng.chance(0.3),
  };
}

function nextAprilFirst(company: Company, from: SimDay): SimDay {
  const year = new Date(company.time.epochMs + from * 86_400_000).getUTCFullYear();
  for (const y of [year, year + 1]) {
    const day = Math.floor((Date.UTC(y, 3, 1) - company.time.epochMs) / 86_400_000);
    if (day >= from) return day;
  }
  return from + 365;
}

function roundPay(amount: number): number {
  return amount > 10_000 ? Math.round(amount / 100) * 100 : Math.round(amount * 100) / 100;
}
