/**
 * Workday's JSON shapes for the company's workers and organisations. Workday omits empty values
 * rather than sending null, references are `{id, descriptor, href}` with opaque hrefs that are not
 * the request path, descriptors are display text (a `[C]` suffix marks contingent workers), and
 * some fields drift from their spec types (`yearsOfService` is a string).
 */
import type {
  Company,
  Department,
  JobFamily,
  JobProfile,
  Office,
  Position,
  Worker,
} from '../company/model.js';
import { formatPhone } from '../company/people.js';
import { hash32, wid } from '../random.js';
import type { SimTime } from '../time.js';
import { currentState, workerStateAt } from '../company/worker-state.js';
import type { WorkerState } from '../company/worker-state.js';

type Json = Record<string, unknown>;

/** Worker self-identification as HR holds it, with realistic gaps. */
export interface WorkerEeo {
  readonly gender: 'Female' | 'Male' | 'Not Declared';
  readonly ethnicity: string | null;
  readonly hispanicOrLatino: boolean | null;
  readonly veteranStatus: string | null;
  readonly disabilityStatus: string | null;
}

const ETHNICITY: Readonly<Record<string, string>> = {
  white: 'White (United States of America)',
  asian: 'Asian (United States of America)',
  hispanic: 'Hispanic or Latino (United States of America)',
  black: 'Black or African American (United States of America)',
  'two-or-more': 'Two or More Races (United States of America)',
  'american-indian': 'American Indian or Alaska Native (United States of America)',
  'pacific-islander': 'Native Hawaiian or Other Pacific Islander (United States of America)',
};

export class WorkdayView {
  readonly company: Company;
  readonly origin: string;
  readonly tenant: string;
  readonly #seed: number;
  #managers = new Set<Worker>();
  #managersVersion = -1;
  #lookup: { version: number; byId: Map<string, Worker>; byPerson: Map<string, Worker[]> } | null =
    null;

  /** Seconds a change takes to show in the API after it is entered (Workday's indexing lag). */
  readonly lagSeconds: number;
  readonly #states = new Map<Worker, { version: number; state: WorkerState }>();

  constructor(company: Company, origin: string, tenant: string, lagSeconds = 0) {
    this.company = company;
    this.origin = origin;
    this.tenant = tenant;
    this.lagSeconds = lagSeconds;
    this.#seed = company.settings.seed;
  }

  /** The latest entry moment the API shows: the company's present less the indexing lag. */
  get visibleNow(): SimTime {
    return this.company.now - this.lagSeconds;
  }

  /** A worker by WID, Employee ID or Contingent Worker ID. */
  workerById(id: string): Worker | undefined {
    return this.#index().byId.get(id);
  }

  /** The worker records of a person (several after a contingent worker converts). */
  workersOfPerson(personWid: string): readonly Worker[] {
    return this.#index().byPerson.get(personWid) ?? [];
  }

  #index(): { byId: Map<string, Worker>; byPerson: Map<string, Worker[]> } {
    const company = this.company;
    if (this.#lookup?.version === company.version) return this.#lookup;
    const byId = new Map<string, Worker>();
    const byPerson = new Map<string, Worker[]>();
    for (const worker of company.workers) {
      byId.set(worker.wid, worker);
      byId.set(worker.workerId, worker);
      const list = byPerson.get(worker.personWid);
      if (list) list.push(worker);
      else byPerson.set(worker.personWid, [worker]);
    }
    this.#lookup = { version: company.version, byId, byPerson };
    return this.#lookup;
  }

  /** The worker today, as far as entries older than the indexing lag tell. */
  state(worker: Worker): WorkerState {
    if (this.lagSeconds === 0) return currentState(this.company, worker);
    const cached = this.#states.get(worker);
    if (cached?.version === this.company.version) return cached.state;
    const state = workerStateAt(worker, this.company.time.dayOf(this.company.now), this.visibleNow);
    this.#states.set(worker, { version: this.company.version, state });
    return state;
  }

  descriptor(worker: Worker): string {
    const name = `${worker.preferredFirstName ?? worker.legalFirstName} ${this.state(worker).legalLastName}`;
    return worker.kind === 'contingent' ? `${name} [C]` : name;
  }

  href(service: string, path: string): string {
    return `${this.origin}/api/${service}/${this.tenant}/${path}`;
  }

  workerRef(worker: Worker, service = 'api/v1'): Json {
    return {
      id: worker.wid,
      descriptor: this.descriptor(worker),
      href: this.href(service, `workers/${worker.wid}`),
    };
  }

  /** `Platform (Dana Whitfield)`: the organisation with its manager, as Workday displays it. */
  orgDescriptor(department: Department): string {
    const manager = department.manager;
    return manager
      ? `${department.name} (${manager.legalFirstName} ${manager.legalLastName})`
      : department.name;
  }

  orgRef(department: Department, service = 'api/v1'): Json {
    return {
      id: department.wid,
      descriptor: this.orgDescriptor(department),
      href: this.href(service, `supervisoryOrganizations/${department.wid}`),
    };
  }

  isManager(worker: Worker): boolean {
    if (this.#managersVersion !== this.company.version) {
      this.#managers = new Set(
        this.company.departments.flatMap((d) => (d.manager ? [d.manager] : [])),
      );
      this.#managersVersion = this.company.version;
    }
    return this.#managers.has(worker);
  }

  /** The worker's manager: their department's manager, or the parent's when they manage it. */
  manager(worker: Worker): Worker | null {
    let department: Department | null = this.state(worker).primary?.department ?? null;
    while (department) {
      if (department.manager && department.manager !== worker) return department.manager;
      department = department.parent;
    }
    return null;
  }

  workPhone(worker: Worker): string {
    const country = this.state(worker).primary?.office.country ?? worker.person.country;
    const nsn = worker.workPhone;
    if (country.callingCode === '1') return `+1 (${nsn.slice(0, 3)}) ${nsn.slice(3)}`;
    return formatPhone(nsn, country, 'international');
  }

  /** Common v1 `WorkerSummary`. */
  workerSummary(worker: Worker): Json {
    const state = this.state(worker);
    return compact({
      ...this.workerRef(worker),
      primarySupervisoryOrganization: state.primary
        ? this.orgRef(state.primary.department)
        : undefined,
      businessTitle: state.primary?.title,
      primaryWorkEmail: worker.workEmail ?? undefined,
      primaryWorkPhone: this.workPhone(worker),
      isManager: this.isManager(worker),
    });
  }

  /** Common v1 `WorkerProfile` (`GET /workers/{id}`). */
  workerProfile(worker: Worker): Json {
    const state = this.state(worker);
    const office = state.primary?.office;
    const years =
      state.hireDay === null
        ? 0
        : Math.floor((this.company.time.dayOf(this.company.now) - state.hireDay) / 365.25);
    return compact({
      ...this.workerSummary(worker),
      location: office ? { id: office.wid, descriptor: office.name } : undefined,
      primaryWorkAddressText: office ? `${office.spec.city}, ${office.country.name}` : undefined,
      yearsOfService: String(Math.max(0, years)),
      supervisoryOrganizationsManaged: this.isManager(worker)
        ? this.href('api/v1', `workers/${worker.wid}/supervisoryOrganizationsManaged`)
        : undefined,
    });
  }

  /** Staffing v6 worker, list item and detail alike. */
  staffingWorker(worker: Worker): Json {
    const state = this.state(worker);
    return compact({
      id: worker.wid,
      descriptor: this.descriptor(worker),
      href: this.href('staffing/v6', `workers/${worker.wid}`),
      workerId: worker.workerId,
      workerType: this.workerType(worker),
      person: compact({
        id: worker.personWid,
        email: worker.workEmail ?? undefined,
        phone: this.workPhone(worker),
      }),
      primaryJob: state.primary ? this.job(state.primary, worker) : undefined,
      additionalJobs: state.additional.map((position) => this.job(position, worker)),
    });
  }

  workerType(worker: Worker): Json {
    const name = worker.kind === 'employee' ? 'Employee' : 'Contingent Worker';
    const id = wid(this.#seed, 'worker-type', name);
    return { id, descriptor: name, href: this.href('staffing/v6', `values/workerTypes/${id}`) };
  }

  positionWid(position: Position): string {
    return wid(this.#seed, 'position', position.positionId);
  }

  /** A staffing v6 job (a position a worker holds). */
  job(position: Position, worker: Worker): Json {
    const office = position.office;
    return compact({
      id: this.positionWid(position),
      descriptor: `${position.positionId} ${position.title} - ${this.descriptor(worker)}`,
      businessTitle: position.title,
      supervisoryOrganization: {
        id: position.department.wid,
        descriptor: this.orgDescriptor(position.department),
      },
      jobType: { descriptor: position.jobType },
      jobProfile: { id: position.profile.wid, descriptor: position.profile.name },
      location: {
        id: office.wid,
        descriptor: office.name,
        country: { descriptor: office.country.name },
      },
      workSpace: {
        id: wid(this.#seed, 'workspace', office.index),
        descriptor: `${office.name} HQ`,
        locationChain: `${office.name} > Floor 1`,
      },
    });
  }

  supervisoryOrganization(department: Department): Json {
    const manager = department.manager;
    return compact({
      id: department.wid,
      descriptor: this.orgDescriptor(department),
      href: this.href('staffing/v6', `supervisoryOrganizations/${department.wid}`),
      name: department.name,
      code: department.code,
      inactive: false,
      managers: manager ? [{ id: manager.wid, descriptor: this.descriptor(manager) }] : [],
      superiorOrganization: department.parent
        ? { id: department.parent.wid, descriptor: this.orgDescriptor(department.parent) }
        : undefined,
    });
  }

  jobProfile(profile: JobProfile): Json {
    return compact({
      id: profile.wid,
      descriptor: profile.name,
      href: this.href('staffing/v6', `jobProfiles/${profile.wid}`),
      name: profile.name,
      defaultJobTitle: profile.name,
      inactive: false,
      public: true,
      jobLevel: { descriptor: profile.code },
      managementLevel: { descriptor: profile.managementLevel },
      jobFamilies: [{ id: profile.family.wid, name: profile.family.spec.name }],
      jobExempts: [
        { countryOrRegion: { descriptor: 'United States of America' }, exempt: profile.level >= 2 },
      ],
    });
  }

  jobFamily(family: JobFamily): Json {
    return {
      id: family.wid,
      descriptor: family.spec.name,
      href: this.href('staffing/v6', `jobFamilies/${family.wid}`),
      name: family.spec.name,
    };
  }

  location(office: Office): Json {
    return {
      id: office.wid,
      descriptor: office.name,
      country: { descriptor: office.country.name },
    };
  }

  /** Self-identified EEO data; some workers never declare, and ethnicity is US-only. */
  eeo(worker: Worker): WorkerEeo {
    const person = worker.person;
    const roll = (label: string): number => hash32(this.#seed, 'eeo', label, person.index) % 1000;
    const us = (this.state(worker).primary?.office.country ?? person.country).iso2 === 'US';
    const gender =
      person.gender === 'nonbinary' || roll('gender') < 60
        ? 'Not Declared'
        : person.gender === 'female'
          ? 'Female'
          : 'Male';
    return {
      gender,
      ethnicity: us && roll('ethnicity') >= 120 ? (ETHNICITY[person.race] ?? null) : null,
      hispanicOrLatino: us && roll('ethnicity') >= 120 ? person.hispanic : null,
      veteranStatus: us
        ? roll('veteran') < 100
          ? 'Not Declared'
          : person.veteran
            ? 'Protected Veteran'
            : 'Not a Protected Veteran'
        : null,
      disabilityStatus: us
        ? roll('disability') < 130
          ? 'I do not wish to answer'
          : person.disability
            ? 'Yes, I have a disability (or previously had a disability)'
            : 'No, I do not have a disability'
        : null,
    };
  }

  /** Person v4 `personalInformation`. */
  personalInformation(worker: Worker): Json {
    const eeo = this.eeo(worker);
    return compact({
      id: worker.personWid,
      dateOfBirth: this.company.time.date(worker.person.birthDay),
      gender: { descriptor: eeo.gender },
      ethnicities: eeo.ethnicity ? [{ descriptor: eeo.ethnicity }] : undefined,
      hispanicOrLatino: eeo.hispanicOrLatino ?? undefined,
      militaryServices: eeo.veteranStatus
        ? [{ status: { description: eeo.veteranStatus } }]
        : undefined,
      disabilityStatuses: eeo.disabilityStatus
        ? [{ disability: { descriptor: eeo.disabilityStatus } }]
        : undefined,
      primaryNationality: { descriptor: worker.person.country.name },
      maritalStatus: this.#maritalStatus(worker),
      citizenshipStatuses: [
        {
          citizen: true,
          country: { descriptor: worker.person.country.name },
          description: `Citizen (${worker.person.country.name})`,
        },
      ],
    });
  }

  /** Absent for about a fifth of people, as when it was never recorded. */
  #maritalStatus(worker: Worker): Json | undefined {
    const roll = hash32(this.#seed, 'marital', worker.person.index) % 1000;
    if (roll < 200) return undefined;
    const status =
      roll < 520 ? 'Single' : roll < 880 ? 'Married' : roll < 940 ? 'Domestic Partner' : 'Divorced';
    return { status: { descriptor: status } };
  }
}

/** Drops undefined, null and empty-string members, as Workday omits empty values. */
export function compact(value: Json): Json {
  const out: Json = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || member === null || member === '') continue;
    out[key] = member;
  }
  return out;
}
