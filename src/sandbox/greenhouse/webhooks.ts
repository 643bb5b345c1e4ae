/**
 * Greenhouse webhooks: change events POSTed to a configured URL in Greenhouse's v1-shaped
 * payloads (`{"action", "payload"}`, nested objects, `active` rather than `in_process`, offer
 * start dates as `MM/DD/YYYY`). Each delivery is signed with `Signature: sha256 <hex>`, the
 * HMAC-SHA256 of the raw body, which has non-ASCII and `<`, `>`, `&` escaped as `\uXXXX` before
 * signing, and carries a unique `Greenhouse-Event-ID`. Anything but a 200 is retried on a
 * compressed version of Greenhouse's schedule.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import type {
  Application,
  Candidate,
  ChangeEvent,
  Company,
  Interview,
  Job,
  JobPost,
  Offer,
} from '../company/model.js';
import { formatPhone } from '../company/people.js';

export interface WebhookOptions {
  /** The receiver; null sends nothing until {@link WebhookSender.url} is set. */
  readonly url: string | null;
  readonly secret: string;
  /** Waits before each retry; Greenhouse waits minutes to hours, the sandbox milliseconds. */
  readonly retryDelaysMs: readonly number[];
}

/** One delivery attempt sequence, for tests and the status route. */
export interface Delivery {
  readonly eventId: string;
  readonly action: string;
  readonly statuses: (number | 'network-error')[];
  delivered: boolean;
}

export class WebhookSender {
  readonly deliveries: Delivery[] = [];
  /** Where deliveries go; changes made while it is null are not sent. */
  url: string | null;
  readonly #options: WebhookOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: WebhookOptions, clock: Clock, logger: Logger) {
    this.#options = options;
    this.url = options.url;
    this.#clock = clock;
    this.#logger = logger;
  }

  /** Queues the changes for delivery in order; resolves when they are all delivered or given up. */
  send(company: Company, changes: readonly ChangeEvent[]): Promise<void> {
    const url = this.url;
    if (url === null) return this.#queue;
    const bodies = changes.flatMap((change) => {
      const body = webhookBody(company, change);
      return body ? [{ action: change.action, body }] : [];
    });
    this.#queue = this.#queue.then(async () => {
      for (const { action, body } of bodies) await this.#deliver(url, action, body);
    });
    return this.#queue;
  }

  /** Resolves once everything queued so far has been delivered or given up. */
  idle(): Promise<void> {
    return this.#queue;
  }

  async #deliver(url: string, action: string, body: string): Promise<void> {
    const delivery: Delivery = { eventId: randomUUID(), action, statuses: [], delivered: false };
    this.deliveries.push(delivery);
    const delays = [0, ...this.#options.retryDelaysMs];
    for (const delay of delays) {
      if (delay > 0) await this.#clock.sleep(delay);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Greenhouse-Webhooks (hrflow sandbox)',
            'greenhouse-event-id': delivery.eventId,
            signature: `sha256 ${sign(this.#options.secret, body)}`,
          },
          body,
        });
        await response.arrayBuffer();
        delivery.statuses.push(response.status);
        if (response.status === 200) {
          delivery.delivered = true;
          return;
        }
      } catch {
        delivery.statuses.push('network-error');
      }
    }
    this.#logger.warn(
      'sandbox-webhook-failed',
      `webhook ${action} was not accepted after ${delays.length} attempts`,
      {
        statuses: delivery.statuses,
      },
    );
  }
}

/** `HMAC-SHA256(secret, body)` as lower-case hex. */
export function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/** JSON with non-ASCII and `<`, `>`, `&` escaped, as Greenhouse serialises before signing. */
export function escapedJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The raw body for a change, or null for changes Greenhouse sends no webhook for. */
export function webhookBody(company: Company, change: ChangeEvent): string | null {
  const payload = payloadFor(company, change);
  return payload ? escapedJson({ action: change.action, payload }) : null;
}

function payloadFor(company: Company, change: ChangeEvent): Record<string, unknown> | null {
  const subject = change.subject;
  switch (change.action) {
    case 'new_candidate_application':
    case 'candidate_stage_change':
    case 'reject_candidate':
    case 'hire_candidate':
    case 'application_updated':
      return { application: application(company, subject as Application) };
    case 'delete_application':
      return { application: { id: (subject as Application).id } };
    case 'offer_created':
    case 'offer_updated':
      return offer(company, subject as Offer);
    case 'offer_deleted':
      return { offer: offer(company, subject as Offer) };
    case 'update_candidate':
      return { candidate: candidate(subject as Candidate) };
    case 'delete_candidate':
      return {
        person: {
          id: (subject as Candidate).id,
          deleted_application_ids: change.detail?.deleted_application_ids ?? [],
        },
      };
    case 'merge_candidate':
      return {
        person: {
          id: (subject as Candidate).id,
          new_candidate_id: change.detail?.new_candidate_id,
        },
      };
    case 'job_created':
    case 'job_updated':
      return { job: job(company, subject as Job) };
    case 'job_post_deleted':
      return { job_post: { id: (subject as JobPost).id, job_id: (subject as JobPost).job.id } };
    case 'interview_deleted':
      return { interview: { id: (subject as Interview).id } };
    default:
      return null;
  }
}

function application(company: Company, app: Application): Record<string, unknown> {
  const time = company.time;
  return {
    id: app.id,
    applied_at: time.iso(app.createdAt),
    rejected_at: app.rejectedAt === null ? null : time.iso(app.rejectedAt),
    last_activity_at: time.iso(app.updatedAt),
    prospect: false,
    status: app.status === 'in_process' ? 'active' : app.status,
    source: { id: app.source.id, public_name: app.source.spec.name },
    credited_to: app.referrer?.user ? { id: app.referrer.user.id, name: app.referrer.name } : null,
    rejection_reason: app.rejectionReason
      ? {
          id: app.rejectionReason.id,
          name: app.rejectionReason.name,
          type: { id: app.rejectionReason.typeId, name: app.rejectionReason.typeKey },
        }
      : null,
    current_stage: app.current
      ? { id: app.current.stage.id, name: app.current.stage.name, interviews: [] }
      : null,
    jobs: [job(company, app.job)],
    candidate: candidate(app.candidate),
    custom_fields: {},
  };
}

function candidate(c: Candidate): Record<string, unknown> {
  return {
    id: c.id,
    first_name: c.firstName,
    last_name: c.lastName,
    title: c.title,
    company: c.company,
    is_private: c.privateRecord,
    email_addresses: c.email ? [{ value: c.email, type: c.worker ? 'work' : 'personal' }] : [],
    phone_numbers: c.phoneStyle
      ? [{ value: formatPhone(c.person.phone, c.person.country, c.phoneStyle), type: 'mobile' }]
      : [],
    addresses: [],
    tags: c.tags,
    attachments: [],
    educations: [],
    employments: [],
    recruiter: null,
    coordinator: null,
  };
}

function job(company: Company, j: Job): Record<string, unknown> {
  return {
    id: j.id,
    name: j.name,
    requisition_id: j.requisitionId,
    status: j.status,
    confidential: j.confidential,
    opened_at: j.openedAt === null ? null : company.time.iso(j.openedAt),
    closed_at: j.closedAt === null ? null : company.time.iso(j.closedAt),
    departments: [{ id: j.department.id, name: j.department.name }],
    offices: j.offices.map((o) => ({ id: o.id, name: o.name })),
  };
}

function offer(company: Company, o: Offer): Record<string, unknown> {
  const start = company.time.date(o.startsOn);
  return {
    id: o.id,
    application_id: o.application.id,
    job_id: o.application.job.id,
    user_id: o.application.job.recruiter.id,
    version: o.version,
    sent_on: company.time.date(o.sentOn),
    resolved_at: o.resolvedAt === null ? null : company.time.iso(o.resolvedAt),
    start_date: `${start.slice(5, 7)}/${start.slice(8, 10)}/${start.slice(0, 4)}`,
    notes: null,
    offer_status: o.status,
    custom_fields: {
      base_salary: {
        name: 'Base Salary',
        type: 'currency',
        value: { amount: o.salary, unit: o.currency },
      },
    },
  };
}
