import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobSpec } from '../jobs/job.js';
import { QueueTransport } from './change-transport.js';
import { noticeFor } from './greenhouse-events.js';
import { ReplayGuard } from './replay-guard.js';
import { signBody, verifySignature } from './signature.js';

const body = Buffer.from('{"action":"hire_candidate","payload":{"application":{"id":7}}}');

describe('verifySignature', () => {
  it('accepts `sha256 <hex>` over the raw body', () => {
    expect(verifySignature(body, signBody(body, 'secret-1'), 'secret-1')).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['wrong secret', signBody(body, 'other')],
    ['the `=` form', signBody(body, 'secret-1').replace(' ', '=')],
    ['truncated', signBody(body, 'secret-1').slice(0, 40)],
    ['another algorithm', signBody(body, 'secret-1').replace('sha256', 'sha1')],
  ])('refuses a %s signature', (_what, header) => {
    expect(verifySignature(body, header, 'secret-1')).toBe(false);
  });

  it('refuses a body changed after signing, even by re-serialising it', () => {
    const header = signBody(body, 'secret-1');
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())) + ' ');
    expect(verifySignature(reserialised, header, 'secret-1')).toBe(false);
  });

  it('refuses everything when no secret is configured', () => {
    expect(verifySignature(body, signBody(body, ''), '')).toBe(false);
  });
});

describe('ReplayGuard', () => {
  it('refuses the same event id or the same body within the window', () => {
    const clock = new FakeClock(0, false);
    const guard = new ReplayGuard(clock, 1_000);
    expect(guard.firstSighting(body, 'e1')).toBe(true);
    expect(guard.firstSighting(body, 'e2')).toBe(false);
    expect(guard.firstSighting(Buffer.from('{}'), 'e1')).toBe(false);
    clock.advance(1_000);
    expect(guard.firstSighting(body, 'e1')).toBe(true);
  });
});

describe('noticeFor', () => {
  it("maps Greenhouse's own event names to the streams they touch, with the ids named", () => {
    expect(
      noticeFor({
        action: 'hire_candidate',
        payload: { application: { id: 7, candidate: { id: 3 } } },
      }),
    ).toEqual({
      source: 'greenhouse',
      action: 'hire_candidate',
      streams: [
        'greenhouse.candidates',
        'greenhouse.applications',
        'greenhouse.application_stages',
        'greenhouse.offers',
      ],
      ids: { applications: ['7'], candidates: ['3'] },
    });
  });

  it('ignores pings and names Greenhouse does not send', () => {
    expect(noticeFor({ action: 'ping', payload: {} })).toBeUndefined();
    expect(noticeFor({ action: 'candidate_hired', payload: {} })).toBeUndefined();
    expect(noticeFor('nonsense')).toBeUndefined();
  });
});

describe('QueueTransport', () => {
  function transport(): { queued: JobSpec[]; transport: QueueTransport } {
    const queued: JobSpec[] = [];
    const queue: Pick<JobQueue, 'submit'> = {
      submit: (spec) => {
        queued.push(spec);
        return {} as ReturnType<JobQueue['submit']>;
      },
    };
    return { queued, transport: new QueueTransport(queue, 60_000) };
  }
  const notice = (action: string, payload: Record<string, unknown>) => {
    const parsed = noticeFor({ action, payload });
    if (!parsed) throw new Error(`no notice for ${action}`);
    return parsed;
  };

  it('queues one sync of the records a burst of notices named, and a build downstream', () => {
    const { queued, transport: t } = transport();
    t.publish(notice('candidate_stage_change', { application: { id: 7, candidate: { id: 3 } } }));
    t.publish(notice('update_candidate', { candidate: { id: 4 } }));
    t.flush();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      kind: 'sync+build',
      syncSelect: [
        'greenhouse.application_stages',
        'greenhouse.applications',
        'greenhouse.candidates',
      ],
      syncRecords: { 'greenhouse.applications': ['7'], 'greenhouse.candidates': ['3', '4'] },
    });
  });

  it('syncs whole windows when any notice in the burst named no record', () => {
    const { queued, transport: t } = transport();
    t.publish(notice('update_candidate', { candidate: { id: 4 } }));
    t.publish(notice('department_deleted', { department: { id: 9 } }));
    t.flush();
    expect(queued[0]?.syncSelect).toContain('greenhouse.departments');
    expect(queued[0]?.syncRecords).toBeUndefined();
  });
});
