/**
 * Builds the synthetic company: organisation, existing workforce, Greenhouse users, then the
 * recruiting simulation over the recruiting window, then tops the workforce up to the requested
 * headcount. Everything random comes from the seed, and every moment is relative to `asOf`, so
 * the same seed, sizes and `asOf` give the same company, and a different `asOf` gives the same
 * company shifted in time.
 */
import { Rng } from '../random.js';
import { SECONDS_PER_DAY, TimeBase } from '../time.js';
import { buildCatalog } from './catalog.js';
import type { Catalog } from './catalog.js';
import { JobFactory } from './jobs.js';
import type { Company } from './model.js';
import { buildOrganisation } from './org.js';
import type { Organisation } from './org.js';
import { PeopleFactory } from './people.js';
import { Pipeline } from './pipeline.js';
import { resolveSettings } from './settings.js';
import type { CompanyOptions } from './settings.js';
import { buildStaff } from './users.js';
import type { Staff } from './users.js';
import { Workforce } from './workforce.js';

/** The company plus the machinery that keeps changing it. */
export interface World {
  readonly company: Company;
  readonly org: Organisation;
  readonly catalog: Catalog;
  readonly staff: Staff;
  readonly people: PeopleFactory;
  readonly workforce: Workforce;
  readonly pipeline: Pipeline;
}

const COMPANY_NAMES = [
  ['Lumenridge', 'lumenridge'],
  ['Brightwater Labs', 'brightwater'],
  ['Northfield Systems', 'northfield'],
  ['Copperleaf', 'copperleaf'],
  ['Halcyon Works', 'halcyon'],
  ['Tidewell', 'tidewell'],
  ['Quillstone', 'quillstone'],
  ['Meridian Grove', 'meridiangrove'],
] as const;

/**
 * Expected share of applications that end in a hire. The existing workforce is built that many
 * short of the headcount target, and topped up to it after recruiting.
 */
const HIRE_RATE = 0.018;

/** Generates a company; `nowMs` supplies the default `asOf` (today). */
export function generateCompany(options: CompanyOptions = {}, nowMs = Date.now()): World {
  const settings = resolveSettings(options, nowMs);
  const time = TimeBase.before(settings.asOfMs);
  const now = time.fromMs(settings.asOfMs);
  const rng = new Rng(settings.seed);
  const founding = now - Math.round(settings.historyYears * 365) * SECONDS_PER_DAY;
  const recruitingStart = now - Math.round(settings.recruitingYears * 365) * SECONDS_PER_DAY;
  const [name, slug] = COMPANY_NAMES[settings.seed % COMPANY_NAMES.length] ?? COMPANY_NAMES[0];

  const org = buildOrganisation(settings, rng.fork('organisation'), founding);
  const catalog = buildCatalog(recruitingStart - 30 * SECONDS_PER_DAY);
  const outageFrom = recruitingStart + Math.round((now - recruitingStart) * 0.45);
  const company: Company = {
    settings,
    time,
    now,
    version: 1,
    name,
    domain: `${slug}.example`,
    rng: rng.fork('mutations'),
    businessUnits: org.businessUnits,
    departments: org.departments,
    offices: org.offices,
    families: org.families,
    profiles: org.profiles,
    persons: [],
    workers: [],
    users: [],
    sources: catalog.sources,
    rejectionReasons: catalog.rejectionReasons,
    closeReasons: catalog.closeReasons,
    referrers: [],
    jobs: [],
    jobStages: [],
    jobInterviews: [],
    openings: [],
    jobPosts: [],
    candidates: [],
    applications: [],
    stageVisits: [],
    interviews: [],
    scorecards: [],
    offers: [],
    demographicAnswers: [],
    truth: {
      timeToHireOutliers: new Set(),
      eeocOutage: {
        source: 'Company Website',
        from: outageFrom,
        to: outageFrom + 45 * SECONDS_PER_DAY,
      },
    },
    nextSeq: 1,
  };

  const people = new PeopleFactory(company.persons);
  const workforce = new Workforce(company, org, people, rng.fork('workforce'));
  const applications = Math.round(settings.candidates * settings.applicationsPerCandidate);
  const expectedHires = Math.round(applications * HIRE_RATE);
  workforce.buildExisting(Math.max(10, settings.employees - expectedHires));

  const staff = buildStaff(company, rng.fork('staff'), recruitingStart);
  for (const office of company.offices) {
    office.primaryContact = staff.recruiters[office.index % staff.recruiters.length] ?? null;
  }
  const jobs = new JobFactory(company, org, staff);
  const pipeline = new Pipeline(
    company,
    rng.fork('pipeline'),
    staff,
    jobs,
    people,
    workforce,
    catalog,
    {
      applications,
      candidates: settings.candidates,
      windowStart: recruitingStart,
    },
  );
  pipeline.start();
  pipeline.run(now);
  const referenced = new Set(company.candidates.flatMap((c) => (c.worker ? [c.worker] : [])));
  workforce.adjustTo(settings.employees, referenced);
  for (const application of pipeline.stalledHires) {
    if (application.status === 'hired') company.truth.timeToHireOutliers.add(application);
  }
  return { company, org, catalog, staff, people, workforce, pipeline };
}
