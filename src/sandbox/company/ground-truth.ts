/**
 * What the generator knows and a pipeline has to discover: which candidate records are the same
 * person, which candidates became which workers, and which anomalies were injected. Tests and
 * benchmarks score identity resolution and detectors against it. It is computed from the current
 * state, so it stays true after the company is advanced.
 */
import type { Application, Company, Person } from './model.js';
import { workerStateAt } from './worker-state.js';
import { NO_EEOC_SOURCE } from './vocabulary/recruiting.js';

export interface CandidateWorkerLink {
  readonly candidateId: number;
  readonly applicationId: number;
  /** Workday WID of the worker the hire became (the existing worker for internal moves). */
  readonly workerWid: string;
  /** Workday Employee ID. */
  readonly employeeId: string;
  /** Effective date of the Workday hire (or internal move), `YYYY-MM-DD`. */
  readonly hireDate: string;
  readonly kind: 'new-hire' | 'internal-move';
  /** The Workday hire was rescinded; Greenhouse still shows the candidate as hired. */
  readonly rescinded: boolean;
  /** The Workday personal email equals the Greenhouse email (case-insensitively, trimmed). */
  readonly personalEmailMatches: boolean;
  /** The Workday legal name equals the Greenhouse name exactly. */
  readonly legalNameMatches: boolean;
}

export interface GroundTruth {
  readonly seed: number;
  /** The company's present, ISO-8601. */
  readonly asOf: string;
  readonly summary: Readonly<Record<string, number>>;
  /** Groups of two or more live candidate ids that are one person. */
  readonly duplicateCandidates: readonly {
    readonly person: number;
    readonly candidateIds: readonly number[];
  }[];
  readonly candidateWorkerLinks: readonly CandidateWorkerLink[];
  readonly anomalies: {
    readonly biasedInterviewers: readonly {
      readonly userId: number;
      readonly employeeId: string | null;
      readonly attribute: 'gender' | 'race';
      readonly against: string;
      /** Rating steps subtracted from this interviewer's scores for the group. */
      readonly shift: number;
      readonly scorecards: number;
    }[];
    readonly timeToHireOutliers: readonly {
      readonly applicationId: number;
      readonly days: number;
    }[];
    readonly missingEeoc: readonly {
      readonly kind: 'source-never-collects' | 'form-outage';
      readonly sourceId: number;
      readonly sourceName: string;
      readonly from?: string;
      readonly to?: string;
    }[];
    readonly rescindedHires: readonly {
      readonly workerWid: string;
      readonly applicationId: number | null;
    }[];
    readonly correctedEvents: readonly {
      readonly workerWid: string;
      readonly correctedSeq: number;
    }[];
  };
}

export function groundTruth(company: Company): GroundTruth {
  const time = company.time;
  const today = time.dayOf(company.now);

  const byPerson = new Map<Person, number[]>();
  for (const candidate of company.candidates) {
    if (candidate.deleted) continue;
    const list = byPerson.get(candidate.person) ?? [];
    list.push(candidate.id);
    byPerson.set(candidate.person, list);
  }
  const duplicateCandidates = [...byPerson.entries()]
    .filter(([, ids]) => ids.length > 1)
    .map(([person, candidateIds]) => ({ person: person.index, candidateIds }));

  const links: CandidateWorkerLink[] = [];
  const hireOf = new Map<string, Application>();
  for (const application of company.applications) {
    const worker = application.worker;
    if (!worker || application.deleted) continue;
    const internal = application.candidate.worker === worker;
    const event = internal
      ? worker.events.find(
          (e) =>
            e.type === 'job-change' &&
            e.reason === 'Internal Hire' &&
            e.entered >= (application.hiredAt ?? 0),
        )
      : worker.events.find((e) => e.type === 'hire');
    if (!event || event.entered > company.now) continue;
    const rescinded = worker.events.some(
      (e) => e.type === 'rescind' && e.target === event.seq && e.entered <= company.now,
    );
    const email = application.candidate.email?.trim().toLowerCase() ?? null;
    hireOf.set(worker.wid, application);
    links.push({
      candidateId: application.candidate.id,
      applicationId: application.id,
      workerWid: worker.wid,
      employeeId: worker.workerId,
      hireDate: time.date(event.effective),
      kind: internal ? 'internal-move' : 'new-hire',
      rescinded,
      personalEmailMatches: email !== null && worker.personalEmail === email,
      legalNameMatches:
        worker.legalFirstName === application.candidate.firstName &&
        worker.legalLastName === application.candidate.lastName,
    });
  }

  const scorecardsBy = new Map<number, number>();
  for (const scorecard of company.scorecards) {
    const id = scorecard.interview.interviewer.id;
    scorecardsBy.set(id, (scorecardsBy.get(id) ?? 0) + 1);
  }
  const biasedInterviewers = company.users.flatMap((user) =>
    user.bias
      ? [
          {
            userId: user.id,
            employeeId: user.worker?.workerId ?? null,
            attribute: user.bias.attribute,
            against: user.bias.against,
            shift: Math.round(user.bias.shift * 100) / 100,
            scorecards: scorecardsBy.get(user.id) ?? 0,
          },
        ]
      : [],
  );

  const timeToHireOutliers = [...company.truth.timeToHireOutliers]
    .filter((a) => a.status === 'hired' && a.hiredAt !== null && !a.deleted)
    .map((a) => ({
      applicationId: a.id,
      days: Math.round(((a.hiredAt ?? 0) - a.createdAt) / 86_400),
    }));

  const outage = company.truth.eeocOutage;
  const outageSource = company.sources.find((s) => s.spec.name === outage.source);
  const neverSource = company.sources.find((s) => s.spec.name === NO_EEOC_SOURCE);
  const missingEeoc = [
    ...(neverSource
      ? [
          {
            kind: 'source-never-collects' as const,
            sourceId: neverSource.id,
            sourceName: neverSource.spec.name,
          },
        ]
      : []),
    ...(outageSource
      ? [
          {
            kind: 'form-outage' as const,
            sourceId: outageSource.id,
            sourceName: outageSource.spec.name,
            from: time.iso(outage.from),
            to: time.iso(outage.to),
          },
        ]
      : []),
  ];

  const rescindedHires: { workerWid: string; applicationId: number | null }[] = [];
  const correctedEvents: { workerWid: string; correctedSeq: number }[] = [];
  let activeEmployees = 0;
  let activeContingent = 0;
  let terminated = 0;
  let preHires = 0;
  for (const worker of company.workers) {
    for (const event of worker.events) {
      if (event.entered > company.now) continue;
      if (event.type === 'rescind') {
        rescindedHires.push({
          workerWid: worker.wid,
          applicationId: hireOf.get(worker.wid)?.id ?? null,
        });
      }
      if (event.type === 'correct') {
        correctedEvents.push({ workerWid: worker.wid, correctedSeq: event.target });
      }
    }
    const state = workerStateAt(worker, today, company.now);
    if (state.status === 'active' && worker.kind === 'employee') activeEmployees++;
    if (state.status === 'active' && worker.kind === 'contingent') activeContingent++;
    if (state.status === 'terminated') terminated++;
    if (state.status === 'pre-hire') preHires++;
  }

  const count = <T>(items: readonly T[], test: (item: T) => boolean): number =>
    items.reduce((n, item) => n + (test(item) ? 1 : 0), 0);
  return {
    seed: company.settings.seed,
    asOf: time.iso(company.now),
    summary: {
      activeEmployees,
      activeContingentWorkers: activeContingent,
      terminatedWorkers: terminated,
      preHires,
      workers: company.workers.length,
      users: company.users.length,
      departments: company.departments.length,
      offices: company.offices.length,
      jobs: company.jobs.length,
      openJobs: count(company.jobs, (j) => j.status === 'open'),
      candidates: count(company.candidates, (c) => !c.deleted),
      people: byPerson.size,
      applications: count(company.applications, (a) => !a.deleted),
      hiredApplications: count(company.applications, (a) => a.status === 'hired' && !a.deleted),
      inProcessApplications: count(
        company.applications,
        (a) => a.status === 'in_process' && !a.deleted,
      ),
      stageVisits: company.stageVisits.length,
      interviews: count(company.interviews, (i) => !i.deleted),
      scorecards: company.scorecards.length,
      offers: count(company.offers, (o) => !o.deleted),
      eeocResponses: count(company.applications, (a) => a.eeoc !== null && !a.deleted),
      duplicateClusters: duplicateCandidates.length,
      candidateWorkerLinks: links.length,
    },
    duplicateCandidates,
    candidateWorkerLinks: links,
    anomalies: {
      biasedInterviewers,
      timeToHireOutliers,
      missingEeoc,
      rescindedHires,
      correctedEvents,
    },
  };
}
