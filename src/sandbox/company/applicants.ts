/**
 * Who applies: candidate records (new people, returning candidates, duplicate records of known
 * people with varied names and emails, employees applying internally), referrers, and the EEOC
 * or demographic answers an application collects. EEOC is asked on US jobs only, at a rate that
 * depends on the source; one agency never collects it and the careers site has a six-week outage,
 * both recorded as ground truth.
 */
import type { Rng } from '../random.js';
import { SECONDS_PER_DAY } from '../time.js';
import type { SimTime } from '../time.js';
import { idAt } from './ids.js';
import type {
  Application,
  Candidate,
  Company,
  Job,
  Person,
  Referrer,
  Source,
  User,
} from './model.js';
import type { PeopleFactory, PhoneStyle } from './people.js';
import { varyEmail, varyName } from './people.js';
import { CANDIDATE_EMPLOYERS } from './vocabulary/names.js';
import { NO_EEOC_SOURCE, RACE_WEIGHTS } from './vocabulary/recruiting.js';
import type { Workforce } from './workforce.js';

/** Shared tag arrays: most candidates share one of a few sets, so none gets its own array. */
const NO_TAGS: readonly string[] = [];
const INTERNAL_TAGS: readonly string[] = ['internal'];
const TAG_SETS: readonly (readonly string[])[] = [
  ['silver-medalist'],
  ['diversity-event'],
  ['returning'],
  ['high-potential'],
];

export class Applicants {
  readonly #company: Company;
  readonly #rng: Rng;
  readonly #people: PeopleFactory;
  readonly #workforce: Workforce;
  readonly #internal: Source;
  readonly #candidateOf = new Map<Person, Candidate>();
  readonly #referrers = new Map<User, Referrer>();
  #eeocCount = 0;
  /** Candidate records created so far. */
  created = 0;

  constructor(
    company: Company,
    rng: Rng,
    people: PeopleFactory,
    workforce: Workforce,
    internal: Source,
  ) {
    this.#company = company;
    this.#rng = rng;
    this.#people = people;
    this.#workforce = workforce;
    this.#internal = internal;
  }

  /**
   * The candidate record for a new application: an employee's (internal source), an existing
   * candidate applying again, a second record of a known person (a duplicate), or a new person.
   * `pNew` is the chance that the application brings a new record.
   */
  candidateFor(at: SimTime, job: Job, source: Source, pNew: number): Candidate | null {
    const rng = this.#rng;
    const company = this.#company;
    if (source === this.#internal) {
      const worker = this.#workforce.pickEmployee(rng, at);
      if (!worker) return null;
      const existing = this.#candidateOf.get(worker.person);
      if (existing && !existing.deleted && !existing.applications.some((a) => a.job === job)) {
        return existing;
      }
      return this.#newCandidate(at, job, worker.person, worker.workEmail, worker);
    }
    const candidates = company.candidates;
    if (!rng.chance(pNew) && candidates.length > 0) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const candidate = rng.pick(candidates);
        if (
          !candidate.deleted &&
          candidate.worker === null &&
          !candidate.applications.some((a) => a.job === job)
        ) {
          return candidate;
        }
      }
    }
    if (company.persons.length > 50 && rng.chance(company.settings.duplicateRate)) {
      const known = rng.pick(candidates);
      if (known && known.worker === null && !known.deleted) {
        return this.#newCandidate(
          at,
          job,
          known.person,
          varyEmail(rng, this.#people, known.person),
          null,
          true,
        );
      }
    }
    const office = job.offices[0];
    if (!office) return null;
    const person = this.#people.create(
      rng,
      office.spec,
      office.country,
      job.department.area.femaleShare,
      at,
    );
    return this.#newCandidate(at, job, person, person.email, null);
  }

  #newCandidate(
    at: SimTime,
    job: Job,
    person: Person,
    email: string | null,
    worker: Candidate['worker'],
    variant = false,
  ): Candidate {
    const rng = this.#rng;
    const company = this.#company;
    const names = variant ? varyName(rng, person.firstName, person.lastName) : person;
    const roll = rng.next();
    const style: PhoneStyle | null =
      roll < 0.5
        ? 'national'
        : roll < 0.75
          ? 'international'
          : roll < 0.87
            ? 'e164'
            : roll < 0.95
              ? 'dotted'
              : null;
    const us = person.country.iso2 === 'US';
    const candidate: Candidate = {
      id: idAt('candidate', company.candidates.length),
      person,
      firstName: names.firstName,
      lastName: names.lastName,
      email,
      phoneStyle: style,
      company: worker ? company.name : rng.pick(CANDIDATE_EMPLOYERS),
      title: worker
        ? 'Employee'
        : (job.profile.family.spec.ladder[Math.max(0, job.profile.level - 2)] ?? job.profile.name),
      privateRecord: rng.chance(company.settings.privateCandidateRate),
      tags: worker ? INTERNAL_TAGS : rng.chance(0.15) ? rng.pick(TAG_SETS) : NO_TAGS,
      desiredSalary: rng.chance(0.4)
        ? Math.round((job.salaryMin + job.salaryMax) / 2 / 1000) * 1000
        : null,
      workAuthorization: us
        ? rng.pick(['US Citizen', 'US Citizen', 'Permanent Resident', 'Requires Sponsorship'])
        : 'N/A',
      worker,
      applications: [],
      createdAt: at,
      updatedAt: at,
      lastActivityAt: at,
      deleted: false,
    };
    company.candidates.push(candidate);
    if (!this.#candidateOf.has(person)) this.#candidateOf.set(person, candidate);
    this.created++;
    return candidate;
  }

  /** A referrer record for a random employee user, created on first use. */
  referrer(at: SimTime): Referrer | null {
    const rng = this.#rng;
    const company = this.#company;
    const users = company.users;
    const user = users[rng.int(1, users.length - 1)];
    if (!user || !user.worker) return null;
    const known = this.#referrers.get(user);
    if (known) return known;
    const referrer: Referrer = {
      id: idAt('referrer', company.referrers.length),
      name: `${user.firstName} ${user.lastName}`,
      user,
      createdAt: at,
      updatedAt: at,
    };
    company.referrers.push(referrer);
    this.#referrers.set(user, referrer);
    return referrer;
  }

  /** EEOC for US jobs (with per-source capture rates and an outage), demographics elsewhere. */
  collectDemographics(at: SimTime, application: Application): void {
    const rng = this.#rng;
    const company = this.#company;
    const person = application.candidate.person;
    const office = application.job.offices[0];
    const outage = company.truth.eeocOutage;
    const spec = application.source.spec;
    if (office?.country.iso2 !== 'US') {
      if (!rng.chance(0.4)) return;
      const genderOption = person.gender === 'female' ? 1 : person.gender === 'male' ? 2 : 3;
      const declines = rng.chance(0.12);
      company.demographicAnswers.push({
        id: idAt('demographicAnswer', company.demographicAnswers.length),
        application,
        questionId: 1,
        optionId: declines ? 5 : genderOption,
        freeForm: null,
        createdAt: at,
        updatedAt: at,
      });
      return;
    }
    const inOutage = spec.name === outage.source && at >= outage.from && at <= outage.to;
    const rate = spec.name === NO_EEOC_SOURCE || inOutage ? 0 : spec.eeocRate;
    if (!rng.chance(rate)) return;
    const answer = (
      declineRate: number,
      skipRate: number,
      value: number,
      decline: number,
    ): number | null => (rng.chance(skipRate) ? null : rng.chance(declineRate) ? decline : value);
    const race = RACE_WEIGHTS.find((r) => r.race === person.race)?.eeocId ?? 8;
    const submittedAt = at + rng.int(30, 900);
    application.eeoc = {
      id: idAt('eeoc', this.#eeocCount++),
      submittedAt,
      updatedAt: submittedAt,
      gender:
        person.gender === 'nonbinary'
          ? answer(0, 0.1, 3, 3)
          : answer(0.1, 0.03, person.gender === 'male' ? 1 : 2, 3),
      race: answer(0.14, 0.04, race, 8),
      veteran: answer(0.18, 0.05, person.veteran ? 2 : 1, 3),
      disability: answer(0.22, 0.05, person.disability ? 1 : 2, 3),
    };
    if (rng.chance(0.03)) {
      const corrected = submittedAt + rng.int(1, 40) * SECONDS_PER_DAY;
      if (corrected <= company.now) {
        application.eeoc.updatedAt = corrected;
        application.eeoc.race = race;
      }
    }
  }
}
