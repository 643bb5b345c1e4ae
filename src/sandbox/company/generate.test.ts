import { describe, expect, it } from 'vitest';
import { generateCompany } from './generate.js';
import type { World } from './generate.js';
import { workerStateAt } from './worker-state.js';

const SMALL = { employees: 150, candidates: 700, asOf: '2026-06-30' } as const;

/** A compact, order-sensitive digest of everything a server would render. */
function fingerprint(world: World): string {
  const c = world.company;
  return JSON.stringify({
    candidates: c.candidates.map((x) => [x.id, x.firstName, x.lastName, x.email, x.createdAt]),
    applications: c.applications.map((a) => [
      a.id,
      a.candidate.id,
      a.job.id,
      a.status,
      a.updatedAt,
    ]),
    visits: c.stageVisits.map((v) => [v.id, v.application.id, v.stage.id, v.enteredAt, v.exitedAt]),
    scorecards: c.scorecards.map((s) => [s.id, s.interview.interviewer.id, s.rating]),
    workers: c.workers.map((w) => [w.wid, w.legalFirstName, w.events.length]),
  });
}

describe('generateCompany', () => {
  const world = generateCompany({ seed: 11, ...SMALL });
  const company = world.company;

  it('gives the same company for the same seed, sizes and asOf', () => {
    expect(fingerprint(generateCompany({ seed: 11, ...SMALL }))).toBe(fingerprint(world));
  });

  it('gives a different company for a different seed', () => {
    expect(fingerprint(generateCompany({ seed: 12, ...SMALL }))).not.toBe(fingerprint(world));
  });

  it('hits the headcount target exactly and the candidate target approximately', () => {
    const today = company.time.dayOf(company.now);
    const active = company.workers.filter(
      (w) => w.kind === 'employee' && workerStateAt(w, today, company.now).status === 'active',
    );
    expect(active).toHaveLength(SMALL.employees);
    expect(company.candidates.length).toBeGreaterThan(SMALL.candidates * 0.6);
    expect(company.candidates.length).toBeLessThan(SMALL.candidates * 1.4);
  });

  it('keeps every stage history ordered and gap-free, with only the last visit open', () => {
    const visits = new Map<number, typeof company.stageVisits>();
    for (const visit of company.stageVisits) {
      const list = visits.get(visit.application.id) ?? [];
      list.push(visit);
      visits.set(visit.application.id, list);
    }
    for (const application of company.applications) {
      const list = visits.get(application.id) ?? [];
      expect(list.length).toBeGreaterThan(0);
      list.forEach((visit, i) => {
        const next = list[i + 1];
        expect(visit.stage.sortOrder).toBe(i);
        if (next) expect(visit.exitedAt).toBe(next.enteredAt);
        else expect(visit.exitedAt).toBeNull();
      });
      expect(application.current).toBe(list[list.length - 1]);
      expect(list[0]?.enteredAt).toBe(application.createdAt);
    }
  });

  it('only hires applications with an accepted offer, and fills an opening with each', () => {
    const hired = company.applications.filter((a) => a.status === 'hired');
    expect(hired.length).toBeGreaterThan(0);
    for (const application of hired) {
      const offer = application.offers[application.offers.length - 1];
      expect(offer?.status).toBe('Accepted');
      expect(application.current?.stage.name).toBe('Offer');
      expect(company.openings.filter((o) => o.application === application)).toHaveLength(1);
    }
    for (const offer of company.offers) {
      if (offer.status === 'Accepted') expect(offer.application.status).toBe('hired');
    }
  });

  it('creates each hire in Workday effective on or near the offer start date', () => {
    for (const application of company.applications) {
      if (!application.worker || application.candidate.worker) continue;
      const offer = application.offers[application.offers.length - 1];
      const hire = application.worker.events.find((e) => e.type === 'hire');
      expect(hire).toBeDefined();
      expect(Math.abs((hire?.effective ?? 0) - (offer?.startsOn ?? 0))).toBeLessThanOrEqual(14);
      expect(hire?.entered ?? 0).toBeGreaterThanOrEqual(application.hiredAt ?? 0);
    }
  });

  it('never terminates a worker before their hire', () => {
    for (const worker of company.workers) {
      const state = workerStateAt(worker, company.time.dayOf(company.now), company.now);
      if (state.terminationDay !== null && state.hireDay !== null) {
        expect(state.terminationDay).toBeGreaterThanOrEqual(state.hireDay);
      }
    }
  });

  it('collects EEOC answers only for applications to US jobs', () => {
    for (const application of company.applications) {
      if (application.eeoc) expect(application.job.offices[0]?.country.iso2).toBe('US');
    }
  });

  it('keeps every timestamp at or before the company present', () => {
    for (const application of company.applications) {
      expect(application.updatedAt).toBeLessThanOrEqual(company.now);
    }
    for (const visit of company.stageVisits) {
      expect(visit.enteredAt).toBeLessThanOrEqual(company.now);
    }
  });
});

describe('injected anomalies', () => {
  const company = generateCompany({
    seed: 31,
    employees: 300,
    candidates: 4000,
    asOf: '2026-06-30',
  }).company;
  const negative = (rating: string): boolean => rating === 'no' || rating === 'strong_no';

  it('makes biased interviewers rate their target group visibly lower than others', () => {
    let targetNegative = 0;
    let target = 0;
    let otherNegative = 0;
    let other = 0;
    for (const scorecard of company.scorecards) {
      const bias = scorecard.interview.interviewer.bias;
      if (!bias) continue;
      const person = scorecard.interview.application.candidate.person;
      const hit =
        bias.attribute === 'gender' ? person.gender === bias.against : person.race === bias.against;
      if (hit) {
        target++;
        if (negative(scorecard.rating)) targetNegative++;
      } else {
        other++;
        if (negative(scorecard.rating)) otherNegative++;
      }
    }
    expect(target).toBeGreaterThan(10);
    expect(targetNegative / target - otherNegative / other).toBeGreaterThan(0.2);
  });

  it('records time-to-hire outliers far above the typical hire', () => {
    const days = (a: (typeof company.applications)[number]): number =>
      ((a.hiredAt ?? 0) - a.createdAt) / 86_400;
    const hires = company.applications
      .filter((a) => a.status === 'hired')
      .map(days)
      .sort((a, b) => a - b);
    const median = hires[Math.floor(hires.length / 2)] ?? 0;
    expect(company.truth.timeToHireOutliers.size).toBeGreaterThan(0);
    for (const outlier of company.truth.timeToHireOutliers) {
      expect(days(outlier)).toBeGreaterThan(median * 1.5);
    }
  });
});
