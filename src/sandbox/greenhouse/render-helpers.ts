/**
 * Small pieces every Harvest resource renders with: visibility rules (deleted, private and
 * confidential records), timestamps, custom-field and EEOC answer shapes, and derived ids.
 */
import { ID_BASE } from '../company/ids.js';
import type { Application, Company, Interview, Job, StageVisit, User } from '../company/model.js';
import { currentState } from '../company/worker-state.js';
import type { SimTime } from '../time.js';
import type { ViewContext } from './list-endpoint.js';

type Row = Record<string, unknown>;

export const REJECTION_TYPE_NAMES = {
  WE_REJECTED_THEM: 'We rejected them',
  THEY_REJECTED_US: 'They rejected us',
  NONE_SPECIFIED: 'None specified',
  SECURITY_CONCERN: 'Security concern',
} as const;

export const NOTES = {
  strong_no: 'Significant gaps against the bar.',
  no: 'Some gaps; not enough evidence.',
  yes: 'Meets the bar on most signals.',
  strong_yes: 'Exceptional; raises the bar.',
  no_decision: 'Could not assess.',
} as const;

/** Whether the viewer may see a job: confidential jobs only by their hiring team. */
export function jobVisible(job: Job, viewer: User): boolean {
  if (!job.confidential) return true;
  return [job.hiringManager, job.recruiter, job.coordinator, job.sourcer].includes(viewer);
}

export function applicationVisible(application: Application, context: ViewContext): boolean {
  return (
    !application.deleted &&
    !application.candidate.deleted &&
    jobVisible(application.job, context.viewer)
  );
}

export function iso(company: Company, t: SimTime): string {
  return company.time.iso(t);
}

export function isoOrNull(company: Company, t: SimTime | null): string | null {
  return t === null ? null : company.time.iso(t);
}

export function field(name: string, type: string, value: unknown): Row {
  return { name, type, value };
}

export function answer(
  options: readonly { id: number; description: string }[],
  id: number | null,
): Row | null {
  if (id === null) return null;
  const option = options.find((o) => o.id === id);
  return option ? { id: option.id, description: option.description } : null;
}

export function location(job: Job): string | null {
  const office = job.offices[0];
  return office ? `${office.spec.city}, ${office.country.name}` : null;
}

export function visitEnd(visit: StageVisit, company: Company): SimTime {
  const application = visit.application;
  return application.rejectedAt ?? application.hiredAt ?? company.now;
}

export function interviewerId(interview: Interview): number {
  return interview.id - ID_BASE.interview + ID_BASE.interviewer;
}

export function rejectionDetailId(application: Application): number {
  return application.id - ID_BASE.application + ID_BASE.rejectionDetail;
}

export function userUpdatedAt(user: User, company: Company): SimTime {
  const worker = user.worker;
  if (!worker) return user.updatedAt;
  const termination =
    currentState(company, worker).status === 'terminated'
      ? worker.events.find((e) => e.type === 'terminate' && e.entered <= company.now)
      : undefined;
  return Math.max(user.updatedAt, termination?.entered ?? 0);
}
