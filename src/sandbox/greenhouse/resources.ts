/**
 * Every Harvest v3 list endpoint the simulator serves, with the documented field names. Resources
 * are flat: children carry their parents' ids and nothing is embedded except data that has no
 * endpoint of its own (emails, phones, custom fields). Deleted records are simply absent.
 */
import { ID_BASE } from '../company/ids.js';
import { interviewEnd, rejectedBy } from '../company/model.js';
import type {
  Application,
  Company,
  DemographicAnswer,
  Interview,
  Job,
  Offer,
  StageVisit,
  User,
} from '../company/model.js';
import { formatPhone } from '../company/people.js';
import { currentState } from '../company/worker-state.js';
import { EEOC_ANSWERS } from '../company/vocabulary.js';
import { SECONDS_PER_DAY } from '../time.js';
import type { SimTime } from '../time.js';
import { CUSTOM_FIELDS, DEMOGRAPHIC_QUESTIONS, optionId } from './custom-fields.js';
import { defineList } from './list-endpoint.js';
import type { ListEndpoint, ViewContext } from './list-endpoint.js';

type Row = Record<string, unknown>;

const INTERVIEW_STATUSES = [
  'to_be_scheduled',
  'scheduled',
  'awaiting_feedback',
  'complete',
  'skipped',
  'collect_feedback',
  'to_be_sent',
  'sent',
  'received',
];

/** All list endpoints by path segment. */
export function harvestEndpoints(): ReadonlyMap<string, ListEndpoint> {
  const endpoints: ListEndpoint[] = [
    defineList({
      path: 'candidates',
      scope: 'harvest:candidates:list',
      rows: (c) => c.candidates,
      id: (r) => r.id,
      visible: (r, v) => !r.deleted && (!r.privateRecord || v.viewer.canSeePrivate),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        last_activity_at: { kind: 'moment', get: (r) => r.lastActivityAt },
        email: {
          kind: 'text',
          test: (r, v) => r.email?.trim().toLowerCase() === v.trim().toLowerCase(),
        },
        tag: { kind: 'text', test: (r, v) => r.tags.includes(v) },
        private: { kind: 'bool', get: (r) => r.privateRecord },
        custom_field_option_id: { kind: 'flag' },
      },
      render: (r, c) => ({
        id: r.id,
        first_name: r.firstName,
        last_name: r.lastName,
        preferred_name: null,
        company: r.company,
        title: r.title,
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
        last_activity_at: iso(c, r.lastActivityAt),
        private: r.privateRecord,
        can_email: r.email !== null,
        time_zone: r.applications[0]?.job.offices[0]?.spec.timeZone ?? null,
        tags: r.tags,
        linked_user_ids: r.worker?.user ? [r.worker.user.id] : [],
        phone_numbers: r.phoneStyle
          ? [{ value: formatPhone(r.person.phone, r.person.country, r.phoneStyle), type: 'mobile' }]
          : [],
        email_addresses: r.email ? [{ value: r.email, type: r.worker ? 'work' : 'personal' }] : [],
        addresses: [],
        website_addresses: [],
        social_media_addresses: [],
        custom_fields: {
          desired_salary: field(
            'Desired Salary',
            'short_text',
            r.desiredSalary === null ? null : String(r.desiredSalary),
          ),
          work_authorization: field('Work Authorization', 'single_select', r.workAuthorization),
        },
      }),
    }),
    defineList({
      path: 'applications',
      scope: 'harvest:applications:list',
      rows: (c) => c.applications,
      id: (r) => r.id,
      visible: (r, v) => applicationVisible(r, v),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        candidate_ids: { kind: 'ids', get: (r) => r.candidate.id },
        job_ids: { kind: 'ids', stable: true, get: (r) => r.job.id },
        job_post_ids: { kind: 'ids', get: (r) => r.post?.id ?? null },
        source_ids: { kind: 'ids', get: (r) => r.source.id },
        referrer_ids: { kind: 'ids', get: (r) => r.referrer?.id ?? null },
        stage_ids: { kind: 'ids', get: (r) => r.current?.id ?? null },
        prospective_job_ids: { kind: 'ids', get: () => [] },
        // Queried as `active`, returned as `in_process`.
        status: {
          kind: 'enum',
          values: ['rejected', 'hired', 'converted', 'active'],
          test: (r, v) => (v === 'active' ? 'in_process' : v) === r.status,
        },
        stage_name: { kind: 'text', test: (r, v) => r.current?.stage.name === v },
        last_activity_at: { kind: 'moment', get: (r) => r.updatedAt },
        prospect: { kind: 'bool', get: () => false },
        custom_field_option_id: { kind: 'flag' },
      },
      render: (r, c) => ({
        id: r.id,
        candidate_id: r.candidate.id,
        job_id: r.job.id,
        job_post_id: r.post?.id ?? null,
        prospect: false,
        prospective_job_ids: [],
        status: r.status,
        stage_id: r.current?.id ?? null,
        stage_name: r.current?.stage.name ?? null,
        job_interview_stage_id: r.current?.stage.id ?? null,
        needs_decision: r.status === 'in_process' && r.current?.stage.kind === 'review',
        recruiter_id: r.job.recruiter.id,
        coordinator_id: r.job.coordinator.id,
        referrer_id: r.referrer?.id ?? null,
        source_id: r.source.id,
        agency_note_id: null,
        rejected_at: isoOrNull(c, r.rejectedAt),
        rejection_reason_id: r.rejectionReason?.id ?? null,
        location_address: location(r.job),
        answers: [],
        custom_fields: {},
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
        last_activity_at: iso(c, r.updatedAt),
      }),
    }),
    defineList<StageVisit>({
      path: 'application_stages',
      scope: 'harvest:application_stages:list',
      rows: (c) => c.stageVisits,
      id: (r) => r.id,
      visible: (r, v) => applicationVisible(r.application, v),
      createdAt: (r) => r.enteredAt,
      updatedAt: (r) => r.exitedAt ?? r.enteredAt,
      filters: {
        application_ids: { kind: 'ids', stable: true, get: (r) => r.application.id },
        job_interview_stage_ids: { kind: 'ids', get: (r) => r.stage.id },
        current: { kind: 'bool', get: (r) => r.exitedAt === null },
      },
      render: (r, c) => ({
        id: r.id,
        application_id: r.application.id,
        job_interview_stage_id: r.stage.id,
        entered_at: iso(c, r.enteredAt),
        exited_at: isoOrNull(c, r.exitedAt),
        days_in_stage: Math.floor(((r.exitedAt ?? visitEnd(r, c)) - r.enteredAt) / SECONDS_PER_DAY),
        current: r.exitedAt === null,
        created_at: iso(c, r.enteredAt),
        updated_at: iso(c, r.exitedAt ?? r.enteredAt),
      }),
    }),
    defineList({
      path: 'jobs',
      scope: 'harvest:jobs:list',
      rows: (c) => c.jobs,
      id: (r) => r.id,
      visible: (r, v) => jobVisible(r, v.viewer),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        opened_at: { kind: 'moment', get: (r) => r.openedAt },
        closed_at: { kind: 'moment', get: (r) => r.closedAt },
        requisition_id: { kind: 'text', test: (r, v) => r.requisitionId === v },
        department_id: { kind: 'ids', get: (r) => r.department.id },
        office_id: { kind: 'ids', get: (r) => r.offices.map((o) => o.id) },
        status: {
          kind: 'enum',
          values: ['open', 'draft', 'closed'],
          test: (r, v) => r.status === v,
        },
        confidential: { kind: 'bool', get: (r) => r.confidential },
        custom_field_option_id: { kind: 'flag' },
      },
      render: (r, c) => ({
        id: r.id,
        name: r.name,
        requisition_id: r.requisitionId,
        notes: `<p>${r.openings[0]?.headcountType ?? 'New headcount'} for ${r.department.name}.</p>`,
        confidential: r.confidential,
        status: r.status,
        is_template: false,
        copied_from_id: null,
        department_id: r.department.id,
        office_ids: r.offices.map((o) => o.id),
        opened_at: isoOrNull(c, r.openedAt),
        closed_at: isoOrNull(c, r.closedAt),
        custom_fields: {
          employment_type: field('Employment Type', 'single_select', r.employmentType),
          salary_range: field('Salary Range', 'currency_range', {
            min_value: r.salaryMin,
            max_value: r.salaryMax,
            unit: r.currency,
          }),
          business_unit: field('Business Unit', 'single_select', r.department.businessUnit.name),
        },
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList({
      path: 'openings',
      scope: 'harvest:openings:list',
      rows: (c) => c.openings,
      id: (r) => r.id,
      visible: (r, v) => jobVisible(r.job, v.viewer),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        job_ids: { kind: 'ids', get: (r) => r.job.id },
        application_ids: { kind: 'ids', get: (r) => r.application?.id ?? null },
        close_reason_ids: { kind: 'ids', get: (r) => r.closeReason?.id ?? null },
        opened_at: { kind: 'moment', get: (r) => r.openedAt },
        closed_at: { kind: 'moment', get: (r) => r.closedAt },
        open: { kind: 'bool', get: (r) => r.closedAt === null },
        opening_id: { kind: 'text', test: (r, v) => r.openingId === v },
        custom_field_option_id: { kind: 'flag' },
      },
      render: (r, c) => ({
        id: r.id,
        job_id: r.job.id,
        opening_id: r.openingId,
        open: r.closedAt === null,
        opened_at: iso(c, r.openedAt),
        closed_at: isoOrNull(c, r.closedAt),
        application_id: r.application?.id ?? null,
        close_reason_id: r.closeReason?.id ?? null,
        target_start_on: c.time.date(r.targetStartDay),
        sort_order: r.sortOrder,
        custom_fields: {
          headcount_type: field('Headcount Type', 'single_select', r.headcountType),
        },
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList({
      path: 'job_posts',
      scope: 'harvest:job_posts:list',
      rows: (c) => c.jobPosts,
      id: (r) => r.id,
      // Deleted (inactive) posts are hidden unless the request asks for active=false.
      visible: (r, v) => jobVisible(r.job, v.viewer) && (v.params.has('active') || r.active),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        job_ids: { kind: 'ids', get: (r) => r.job.id },
        job_board_ids: { kind: 'ids', get: (r) => r.boardId },
        active: { kind: 'bool', get: (r) => r.active },
        featured: { kind: 'bool', get: () => false },
        live: { kind: 'bool', get: (r) => r.live },
        internal: { kind: 'bool', get: (r) => r.internal },
      },
      render: (r, c) => ({
        id: r.id,
        job_id: r.job.id,
        job_board_id: r.boardId,
        title: r.title,
        internal: r.internal,
        active: r.active,
        live: r.live,
        featured: false,
        first_published_at: iso(c, r.firstPublishedAt),
        content: `<p>Join ${c.name} as a ${r.title}.</p>`,
        internal_content: r.internal ? `<p>Internal opening: ${r.title}.</p>` : null,
        language: 'en',
        public_url: r.internal ? null : `https://jobs.${c.domain}/postings/${r.id}`,
        demographic_question_set_id: r.job.offices[0]?.country.iso2 === 'US' ? null : 1,
        questions: [],
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList({
      path: 'job_interview_stages',
      scope: 'harvest:job_interview_stages:list',
      rows: (c) => c.jobStages,
      id: (r) => r.id,
      visible: (r, v) => jobVisible(r.job, v.viewer),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        job_ids: { kind: 'ids', get: (r) => r.job.id },
        active: { kind: 'bool', get: (r) => r.active },
      },
      render: (r, c) => ({
        id: r.id,
        job_id: r.job.id,
        name: r.name,
        sort_order: r.sortOrder,
        active: r.active,
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList({
      path: 'job_interviews',
      scope: 'harvest:job_interviews:list',
      rows: (c) => c.jobInterviews,
      id: (r) => r.id,
      visible: (r, v) => jobVisible(r.job, v.viewer),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        job_ids: { kind: 'ids', get: (r) => r.job.id },
        job_interview_stage_ids: { kind: 'ids', get: (r) => r.stage.id },
      },
      render: (r, c) => ({
        id: r.id,
        job_id: r.job.id,
        job_interview_stage_id: r.stage.id,
        name: r.name,
        require_scorecard: true,
        scheduling_type: 'scheduled',
        interview_kit_id: null,
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList<Interview>({
      path: 'interviews',
      scope: 'harvest:interviews:list',
      rows: (c) => c.interviews,
      id: (r) => r.id,
      visible: (r, v) => !r.deleted && applicationVisible(r.application, v),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        job_ids: { kind: 'ids', get: (r) => r.application.job.id },
        application_ids: { kind: 'ids', stable: true, get: (r) => r.application.id },
        job_interview_ids: { kind: 'ids', get: (r) => r.slot.id },
        organizer_ids: { kind: 'ids', get: (r) => r.application.job.coordinator.id },
        starts_at: { kind: 'moment', get: (r) => r.startsAt },
        ends_at: { kind: 'moment', get: (r) => interviewEnd(r) },
        status: { kind: 'enum', values: INTERVIEW_STATUSES, test: (r, v) => r.status === v },
        external_event_id: { kind: 'text', test: (r, v) => `evt-${r.id}` === v },
      },
      render: (r, c) => ({
        id: r.id,
        application_id: r.application.id,
        job_id: r.application.job.id,
        job_interview_id: r.slot.id,
        starts_at: iso(c, r.startsAt),
        ends_at: iso(c, interviewEnd(r)),
        all_day_start_on: null,
        all_day_end_on: null,
        location:
          r.slot.stage.kind === 'onsite' ? (r.application.job.offices[0]?.name ?? null) : null,
        status: r.status,
        organizer_id: r.application.job.coordinator.id,
        scheduled_at: iso(c, r.createdAt),
        availability_received_at: iso(c, r.createdAt),
        video_conferencing_url:
          r.slot.stage.kind === 'onsite' ? null : `https://meet.${c.domain}/i/${r.id}`,
        external_event_id: `evt-${r.id}`,
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList<Interview>({
      path: 'interviewers',
      scope: 'harvest:interviewers:list',
      rows: (c) => c.interviews,
      id: (r) => interviewerId(r),
      visible: (r, v) => !r.deleted && applicationVisible(r.application, v),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        interview_ids: { kind: 'ids', stable: true, get: (r) => r.id },
        user_ids: { kind: 'ids', get: (r) => r.interviewer.id },
      },
      render: (r, c) => ({
        id: interviewerId(r),
        interview_id: r.id,
        user_id: r.interviewer.id,
        scorecard_id: r.scorecard?.id ?? null,
        email: r.interviewer.primaryEmail,
        response_status: 'accepted',
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList({
      path: 'scorecards',
      scope: 'harvest:scorecards:list',
      rows: (c) => c.scorecards,
      id: (r) => r.id,
      visible: (r, v) => applicationVisible(r.interview.application, v),
      createdAt: (r) => interviewEnd(r.interview),
      updatedAt: (r) => r.updatedAt,
      filters: {
        application_ids: { kind: 'ids', stable: true, get: (r) => r.interview.application.id },
        interviewer_ids: { kind: 'ids', get: (r) => r.interview.interviewer.id },
        submitter_ids: { kind: 'ids', get: (r) => r.submitter.id },
        interview_kit_ids: { kind: 'ids', get: () => null },
        interviewed_at: { kind: 'moment', get: (r) => r.interview.startsAt },
        submitted_at: { kind: 'moment', get: (r) => r.submittedAt },
        status: { kind: 'enum', values: ['draft', 'complete'], test: (r, v) => r.status === v },
      },
      render: (r, c) => {
        const notes = `${r.interview.slot.name}: ${NOTES[r.rating]}`;
        return {
          id: r.id,
          application_id: r.interview.application.id,
          interview_kit_id: null,
          interviewer_id: r.interview.interviewer.id,
          submitter_id: r.submitter.id,
          candidate_rating: r.rating,
          status: r.status,
          interviewed_at: iso(c, r.interview.startsAt),
          submitted_at: isoOrNull(c, r.submittedAt),
          notes,
          notes_with_tags: notes,
          private_notes: null,
          private_notes_with_tags: null,
          public_notes: null,
          public_notes_with_tags: null,
          created_at: iso(c, interviewEnd(r.interview)),
          updated_at: iso(c, r.updatedAt),
        };
      },
    }),
    defineList<Offer>({
      path: 'offers',
      scope: 'harvest:offers:list',
      rows: (c) => c.offers,
      id: (r) => r.id,
      visible: (r, v) => !r.deleted && applicationVisible(r.application, v),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        application_ids: { kind: 'ids', stable: true, get: (r) => r.application.id },
        job_ids: { kind: 'ids', get: (r) => r.application.job.id },
        candidate_ids: { kind: 'ids', get: (r) => r.application.candidate.id },
        opening_ids: { kind: 'ids', get: (r) => r.opening?.id ?? null },
        current_only: {
          kind: 'bool',
          get: (r) => r.application.offers[r.application.offers.length - 1] === r,
        },
        status: {
          kind: 'enum',
          values: ['Created', 'Accepted', 'Rejected', 'Deprecated'],
          test: (r, v) => r.status === v,
        },
        resolved_at: { kind: 'moment', get: (r) => r.resolvedAt },
        sent_on: { kind: 'date', get: (r) => r.sentOn },
        starts_on: { kind: 'date', get: (r) => r.startsOn },
        custom_field_option_id: { kind: 'flag' },
      },
      render: (r, c) => ({
        id: r.id,
        version: r.version,
        application_id: r.application.id,
        candidate_id: r.application.candidate.id,
        job_id: r.application.job.id,
        opening_id: r.opening?.id ?? null,
        status: r.status,
        sent_on: c.time.date(r.sentOn),
        starts_on: c.time.date(r.startsOn),
        resolved_at: isoOrNull(c, r.resolvedAt),
        custom_fields: {
          base_salary: field('Base Salary', 'currency', { amount: r.salary, unit: r.currency }),
          offer_employment_type: field(
            'Employment Type',
            'single_select',
            r.application.job.employmentType,
          ),
        },
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList<User>({
      path: 'users',
      scope: 'harvest:users:list',
      rows: (c) => c.users,
      id: (r) => r.id,
      // Integration service users are hidden unless asked for.
      visible: (r, v) => !r.serviceAccount || v.params.get('show_service_accounts') === 'true',
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        office_ids: { kind: 'ids', get: (r) => r.offices.map((o) => o.id) },
        department_ids: { kind: 'ids', get: (r) => r.departments.map((d) => d.id) },
        employee_ids: { kind: 'ids', get: (r) => (r.worker ? Number(r.worker.workerId) : null) },
        primary_email: {
          kind: 'text',
          test: (r, v) => r.primaryEmail.toLowerCase() === v.toLowerCase(),
        },
        show_service_accounts: { kind: 'flag' },
        deactivated: { kind: 'flag' },
      },
      render: (r, c) => ({
        id: r.id,
        first_name: r.firstName,
        last_name: r.lastName,
        name: `${r.firstName} ${r.lastName}`,
        job_title: r.worker ? (currentState(c, r.worker).primary?.title ?? null) : null,
        primary_email: r.primaryEmail,
        emails: r.primaryEmail ? [r.primaryEmail] : [],
        deactivated: r.worker ? currentState(c, r.worker).status === 'terminated' : false,
        site_admin: r.siteAdmin,
        agency_id: null,
        employee_id: r.worker?.workerId ?? null,
        linked_candidate_ids: [],
        office_ids: r.offices.map((o) => o.id),
        department_ids: r.departments.map((d) => d.id),
        interviewer_tags: [],
        custom_fields: {},
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, userUpdatedAt(r, c)),
      }),
    }),
    defineList({
      path: 'departments',
      scope: 'harvest:departments:list',
      rows: (c) => c.departments,
      id: (r) => r.id,
      visible: () => true,
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        parent_id: { kind: 'ids', get: (r) => r.parent?.id ?? null },
        external_id: { kind: 'text', test: (r, v) => r.externalId === v },
      },
      render: (r, c) => ({
        id: r.id,
        name: r.name,
        parent_id: r.parent?.id ?? null,
        external_id: r.externalId,
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList({
      path: 'offices',
      scope: 'harvest:offices:list',
      rows: (c) => c.offices,
      id: (r) => r.id,
      visible: () => true,
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {
        parent_id: { kind: 'ids', get: (r) => r.parent?.id ?? null },
        external_id: { kind: 'text', test: (r, v) => r.externalId === v },
      },
      render: (r, c) => ({
        id: r.id,
        name: r.name,
        location: `${r.spec.city}, ${r.country.name}`,
        parent_id: r.parent?.id ?? null,
        primary_in_house_contact_user_id: r.primaryContact?.id ?? null,
        external_id: r.externalId,
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList({
      path: 'sources',
      scope: 'harvest:sources:list',
      rows: (c) => c.sources,
      id: (r) => r.id,
      visible: () => true,
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {},
      render: (r, c) => ({
        id: r.id,
        name: r.spec.name,
        type: { id: r.typeId, name: r.spec.type },
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList({
      path: 'referrers',
      scope: 'harvest:referrers:list',
      rows: (c) => c.referrers,
      id: (r) => r.id,
      visible: () => true,
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {},
      render: (r, c) => ({
        id: r.id,
        name: r.name,
        user_id: r.user?.id ?? null,
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList({
      path: 'rejection_reasons',
      scope: 'harvest:rejection_reasons:list',
      rows: (c) => c.rejectionReasons,
      id: (r) => r.id,
      visible: () => true,
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: { include_defaults: { kind: 'flag' } },
      render: (r, c) => ({
        id: r.id,
        name: r.name,
        type: { id: r.typeId, key: r.typeKey, name: REJECTION_TYPE_NAMES[r.typeKey] },
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList({
      path: 'close_reasons',
      scope: 'harvest:close_reasons:list',
      rows: (c) => c.closeReasons,
      id: (r) => r.id,
      visible: () => true,
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: {},
      render: (r, c) => ({
        id: r.id,
        name: r.name,
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList<Application>({
      path: 'rejection_details',
      scope: 'harvest:rejection_details:list',
      rows: (c) => c.applications,
      id: (r) => rejectionDetailId(r),
      visible: (r, v) => r.status === 'rejected' && applicationVisible(r, v),
      createdAt: (r) => r.rejectedAt ?? r.updatedAt,
      updatedAt: (r) => r.rejectedAt ?? r.updatedAt,
      filters: { application_ids: { kind: 'ids', stable: true, get: (r) => r.id } },
      render: (r, c) => ({
        id: rejectionDetailId(r),
        application_id: r.id,
        rejected_by_id: rejectedBy(r)?.id ?? null,
        rejection_reason_id: r.rejectionReason?.id ?? null,
        rejection_note_id: null,
        rejected_at: isoOrNull(c, r.rejectedAt),
        question_custom_fields: {},
        created_at: isoOrNull(c, r.rejectedAt),
        updated_at: isoOrNull(c, r.rejectedAt),
      }),
    }),
    defineList<Application>({
      path: 'eeoc',
      scope: 'harvest:eeoc:list',
      rows: (c) => c.applications,
      id: (r) => r.eeoc?.id ?? 0,
      visible: (r, v) => r.eeoc !== null && applicationVisible(r, v),
      createdAt: (r) => r.eeoc?.submittedAt ?? r.createdAt,
      updatedAt: (r) => r.eeoc?.updatedAt ?? r.updatedAt,
      filters: {
        application_ids: { kind: 'ids', stable: true, get: (r) => r.id },
        submitted_at: { kind: 'moment', get: (r) => r.eeoc?.submittedAt ?? null },
      },
      render: (r, c) => {
        const eeoc = r.eeoc;
        return {
          id: eeoc?.id ?? null,
          application_id: r.id,
          candidate_id: r.candidate.id,
          gender: answer(EEOC_ANSWERS.gender, eeoc?.gender ?? null),
          race: answer(EEOC_ANSWERS.race, eeoc?.race ?? null),
          veteran_status: answer(EEOC_ANSWERS.veteran, eeoc?.veteran ?? null),
          disability_status: answer(EEOC_ANSWERS.disability, eeoc?.disability ?? null),
          submitted_at: eeoc ? iso(c, eeoc.submittedAt) : null,
          created_at: eeoc ? iso(c, eeoc.submittedAt) : null,
          updated_at: eeoc ? iso(c, eeoc.updatedAt) : null,
        };
      },
    }),
    defineList({
      path: 'demographic_question_sets',
      scope: 'harvest:demographic_question_sets:list',
      rows: () => [{ id: 1 }],
      id: (r) => r.id,
      visible: () => true,
      createdAt: null,
      updatedAt: null,
      filters: {},
      render: (r) => ({
        id: r.id,
        title: 'Voluntary self-identification',
        description: null,
        active: true,
      }),
    }),
    defineList({
      path: 'demographic_questions',
      scope: 'harvest:demographic_questions:list',
      rows: () => DEMOGRAPHIC_QUESTIONS,
      id: (r) => r.id,
      visible: () => true,
      createdAt: null,
      updatedAt: null,
      filters: {},
      render: (r) => ({
        id: r.id,
        demographic_question_set_id: 1,
        name: r.name,
        active: true,
        required: false,
        answer_type: 'single_select',
      }),
    }),
    defineList({
      path: 'demographic_answer_options',
      scope: 'harvest:demographic_answer_options:list',
      rows: () =>
        DEMOGRAPHIC_QUESTIONS.flatMap((q) => q.options.map((o) => ({ ...o, question: q.id }))),
      id: (r) => r.id,
      visible: () => true,
      createdAt: null,
      updatedAt: null,
      filters: {},
      render: (r) => ({
        id: r.id,
        demographic_question_id: r.question,
        name: r.label,
        active: true,
        free_form: r.freeForm,
        decline_to_answer: r.decline,
      }),
    }),
    defineList<DemographicAnswer>({
      path: 'demographic_answers',
      scope: 'harvest:demographic_answers:list',
      rows: (c) => c.demographicAnswers,
      id: (r) => r.id,
      visible: (r, v) => applicationVisible(r.application, v),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
      filters: { application_ids: { kind: 'ids', stable: true, get: (r) => r.application.id } },
      render: (r, c) => ({
        id: r.id,
        application_id: r.application.id,
        demographic_question_id: r.questionId,
        demographic_answer_option_id: r.optionId,
        free_form_text: r.freeForm,
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.updatedAt),
      }),
    }),
    defineList({
      path: 'custom_fields',
      scope: 'harvest:custom_fields:list',
      rows: () => CUSTOM_FIELDS,
      id: (r) => r.id,
      visible: () => true,
      createdAt: null,
      updatedAt: null,
      filters: {
        field_type: { kind: 'text', test: (r, v) => r.fieldType === v },
        name_key: { kind: 'text', test: (r, v) => r.nameKey === v },
        active: { kind: 'bool', get: () => true },
      },
      render: (r) => ({
        id: r.id,
        name: r.name,
        name_key: r.nameKey,
        field_type: r.fieldType,
        value_type: r.valueType,
        private: false,
        required: false,
        active: true,
        sort_order: r.id - 11000,
      }),
    }),
    defineList({
      path: 'custom_field_options',
      scope: 'harvest:custom_field_options:list',
      rows: () =>
        CUSTOM_FIELDS.flatMap((f) =>
          f.options.map((name, i) => ({ id: optionId(f, i), name, field: f, i })),
        ),
      id: (r) => r.id,
      visible: () => true,
      createdAt: null,
      updatedAt: null,
      filters: {
        custom_field_ids: { kind: 'ids', get: (r) => r.field.id },
        custom_field_key: { kind: 'text', test: (r, v) => r.field.nameKey === v },
        active: { kind: 'bool', get: () => true },
      },
      render: (r) => ({
        id: r.id,
        custom_field_id: r.field.id,
        name: r.name,
        priority: r.i,
        active: true,
      }),
    }),
    defineList<Job>({
      path: 'job_hiring_managers',
      scope: 'harvest:job_hiring_managers:list',
      rows: (c) => c.jobs,
      id: (r) => r.id - ID_BASE.job + ID_BASE.jobHiringManager,
      visible: (r, v) => jobVisible(r, v.viewer),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.createdAt,
      filters: {
        job_ids: { kind: 'ids', get: (r) => r.id },
        user_ids: { kind: 'ids', get: (r) => r.hiringManager.id },
      },
      render: (r, c) => ({
        id: r.id - ID_BASE.job + ID_BASE.jobHiringManager,
        job_id: r.id,
        user_id: r.hiringManager.id,
        created_at: iso(c, r.createdAt),
        updated_at: iso(c, r.createdAt),
      }),
    }),
  ];
  return new Map(endpoints.map((endpoint) => [endpoint.path, endpoint]));
}

const REJECTION_TYPE_NAMES = {
  WE_REJECTED_THEM: 'We rejected them',
  THEY_REJECTED_US: 'They rejected us',
  NONE_SPECIFIED: 'None specified',
  SECURITY_CONCERN: 'Security concern',
} as const;

const NOTES = {
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

function applicationVisible(application: Application, context: ViewContext): boolean {
  return (
    !application.deleted &&
    !application.candidate.deleted &&
    jobVisible(application.job, context.viewer)
  );
}

function iso(company: Company, t: SimTime): string {
  return company.time.iso(t);
}

function isoOrNull(company: Company, t: SimTime | null): string | null {
  return t === null ? null : company.time.iso(t);
}

function field(name: string, type: string, value: unknown): Row {
  return { name, type, value };
}

function answer(
  options: readonly { id: number; description: string }[],
  id: number | null,
): Row | null {
  if (id === null) return null;
  const option = options.find((o) => o.id === id);
  return option ? { id: option.id, description: option.description } : null;
}

function location(job: Job): string | null {
  const office = job.offices[0];
  return office ? `${office.spec.city}, ${office.country.name}` : null;
}

function visitEnd(visit: StageVisit, company: Company): SimTime {
  const application = visit.application;
  return application.rejectedAt ?? application.hiredAt ?? company.now;
}

function interviewerId(interview: Interview): number {
  return interview.id - ID_BASE.interview + ID_BASE.interviewer;
}

function rejectionDetailId(application: Application): number {
  return application.id - ID_BASE.application + ID_BASE.rejectionDetail;
}

function userUpdatedAt(user: User, company: Company): SimTime {
  const worker = user.worker;
  if (!worker) return user.updatedAt;
  const termination =
    currentState(company, worker).status === 'terminated'
      ? worker.events.find((e) => e.type === 'terminate' && e.entered <= company.now)
      : undefined;
  return Math.max(user.updatedAt, termination?.entered ?? 0);
}
