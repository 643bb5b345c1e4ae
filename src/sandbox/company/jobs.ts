/**
 * Requisitions: a job with its openings, its interview plan (six stages, seven interview slots),
 * its posts, and its hiring team. Jobs open over the recruiting window at a steady rate; the
 * pipeline closes them when the last opening is filled or when they are cancelled.
 */
import type { Rng } from '../random.js';
import { WeightedPicker } from '../random.js';
import { SECONDS_PER_DAY } from '../time.js';
import type { SimTime } from '../time.js';
import { idAt } from './ids.js';
import type {
  Company,
  Job,
  JobInterview,
  JobStage,
  Office,
  Opening,
  JobPost,
  StageKind,
} from './model.js';
import type { Organisation } from './org.js';
import type { Staff } from './users.js';
import { AREAS } from './vocabulary/organisation.js';
import { STAGE_NAMES } from './vocabulary/recruiting.js';
import type { AreaSpec } from './vocabulary/organisation.js';

const STAGE_KINDS: readonly StageKind[] = [
  'review',
  'screen',
  'manager',
  'assessment',
  'onsite',
  'offer',
];

/** The interview slots per stage kind, by name. */
const SLOTS: Readonly<Record<StageKind, readonly string[]>> = {
  review: [],
  screen: ['Recruiter Phone Screen'],
  manager: ['Hiring Manager Conversation'],
  assessment: ['Technical Assessment Review'],
  onsite: ['Craft Deep Dive', 'Collaboration Interview', 'Values Interview', 'Case Study'],
  offer: [],
};

const LEVEL_WEIGHTS = [20, 35, 28, 12, 5];

export class JobFactory {
  readonly #company: Company;
  readonly #org: Organisation;
  readonly #staff: Staff;
  readonly #areaPicker = new WeightedPicker(AREAS, (area) => area.weight * area.demand);
  readonly #officePicker: WeightedPicker<Office>;
  #requisitions = 0;

  constructor(company: Company, org: Organisation, staff: Staff) {
    this.#company = company;
    this.#org = org;
    this.#staff = staff;
    this.#officePicker = new WeightedPicker(org.offices, (office) => office.spec.weight);
  }

  /** A new job that opens at `openedAt` (or stays a draft), expecting `quota` applications. */
  create(rng: Rng, openedAt: SimTime, quota: number, draft = false): Job {
    const company = this.#company;
    const area = this.#areaPicker.draw(rng);
    const teams = this.#org.teamsByArea.get(area) ?? [];
    const team = rng.pick(teams);
    const family = rng.pick(area.families);
    const managerJob = rng.chance(0.08);
    const level = managerJob ? 6 : 1 + rng.weightedIndex(LEVEL_WEIGHTS);
    const code = level > 5 ? `${family.code}-M1` : `${family.code}-${level}`;
    const profile = this.#org.profiles.find((p) => p.code === code);
    if (!profile) throw new RangeError(`no job profile ${code}`);
    const first = this.#officePicker.draw(rng);
    const offices = rng.chance(0.2) ? uniqueOffices(first, this.#officePicker.draw(rng)) : [first];
    const factor = first.country.payFactor;
    const createdAt = openedAt - rng.int(1, 12) * SECONDS_PER_DAY;
    const year = new Date(company.time.ms(createdAt)).getUTCFullYear();
    const index = company.jobs.length;
    const hiringManager =
      this.#staff.managers.get(team) ?? this.#staff.managers.get(team.parent ?? team);
    if (!hiringManager) throw new RangeError(`department ${team.name} has no manager user`);
    const roll = rng.next();
    const job: Job = {
      id: idAt('job', index),
      name: rng.chance(0.3) ? `${profile.name}, ${team.name}` : profile.name,
      requisitionId: `${family.code}-${year}-${String(++this.#requisitions).padStart(4, '0')}`,
      status: draft ? 'draft' : 'open',
      openedAt: draft ? null : openedAt,
      closedAt: null,
      department: team,
      offices,
      profile,
      employmentType:
        roll < 0.92 ? 'Full-time' : roll < 0.95 ? 'Part-time' : roll < 0.98 ? 'Intern' : 'Contract',
      salaryMin: Math.round((profile.basePay * factor * 0.88) / 1000) * 1000,
      salaryMax: Math.round((profile.basePay * factor * 1.18) / 1000) * 1000,
      currency: first.country.currency,
      confidential: rng.chance(company.settings.confidentialJobRate),
      hiringManager,
      recruiter: rng.pick(this.#staff.recruiters),
      coordinator: rng.pick(this.#staff.coordinators),
      sourcer: rng.chance(0.5) ? rng.pick(this.#staff.sourcers) : null,
      stages: [],
      interviewSlots: [],
      openings: [],
      posts: [],
      demand: area.demand * rng.logNormal(1, 0.5),
      quota: draft ? 0 : quota,
      createdAt,
      updatedAt: draft ? createdAt : openedAt,
      active: new Set(),
    };
    company.jobs.push(job);
    this.#addPlan(job, createdAt);
    if (!draft) this.#addOpenings(rng, job, openedAt);
    if (!draft) this.#addPosts(rng, job, openedAt);
    return job;
  }

  #addPlan(job: Job, at: SimTime): void {
    const company = this.#company;
    STAGE_KINDS.forEach((kind, sortOrder) => {
      const stage: JobStage = {
        id: idAt('jobStage', company.jobStages.length),
        job,
        name: STAGE_NAMES[sortOrder] ?? kind,
        kind,
        sortOrder,
        active: true,
        createdAt: at,
        updatedAt: at,
      };
      company.jobStages.push(stage);
      job.stages.push(stage);
      for (const name of SLOTS[kind]) {
        const slot: JobInterview = {
          id: idAt('jobInterview', company.jobInterviews.length),
          job,
          stage,
          name,
          createdAt: at,
          updatedAt: at,
        };
        company.jobInterviews.push(slot);
        job.interviewSlots.push(slot);
      }
    });
  }

  #addOpenings(rng: Rng, job: Job, at: SimTime): void {
    const roll = rng.next();
    const count = roll < 0.72 ? 1 : roll < 0.9 ? 2 : rng.int(3, 5);
    const headcountType: Opening['headcountType'] = rng.chance(0.4) ? 'Backfill' : 'New headcount';
    for (let i = 0; i < count; i++) this.addOpening(rng, job, at, headcountType, job.createdAt);
  }

  /** Adds an opening to a job, as when a second strong finalist gets an offer too. */
  addOpening(
    rng: Rng,
    job: Job,
    at: SimTime,
    headcountType: Opening['headcountType'] = 'New headcount',
    createdAt: SimTime = at,
  ): Opening {
    const company = this.#company;
    const index = company.openings.length;
    const opening: Opening = {
      id: idAt('opening', index),
      job,
      openingId: `POS-${String(index + 1001).padStart(5, '0')}`,
      sortOrder: job.openings.length,
      openedAt: at,
      closedAt: null,
      application: null,
      closeReason: null,
      targetStartDay: company.time.dayOf(at) + rng.int(45, 120),
      headcountType,
      createdAt,
      updatedAt: at,
    };
    company.openings.push(opening);
    job.openings.push(opening);
    job.updatedAt = Math.max(job.updatedAt, at);
    return opening;
  }

  #addPosts(rng: Rng, job: Job, at: SimTime): void {
    const company = this.#company;
    const add = (internal: boolean): void => {
      const post: JobPost = {
        id: idAt('jobPost', company.jobPosts.length),
        job,
        title: job.profile.name,
        internal,
        active: true,
        live: true,
        firstPublishedAt: at,
        boardId: internal ? 2 : 1,
        createdAt: at,
        updatedAt: at,
      };
      company.jobPosts.push(post);
      job.posts.push(post);
    };
    add(false);
    if (rng.chance(0.3)) add(true);
  }
}

/** The area a job belongs to. */
export function areaOf(job: Job): AreaSpec {
  return job.department.area;
}

function uniqueOffices(a: Office, b: Office): Office[] {
  return a === b ? [a] : [a, b];
}
