/**
 * `POST /webhooks/greenhouse`: verify the signature over the raw body, answer 200 at once and
 * hand the change notice to the transport. Greenhouse retries every delivery that does not get
 * exactly 200 for hours, so a repeated delivery (same event id or body) is answered 200 too and
 * dropped; only a bad signature or a malformed body gets an error.
 */
import type { Hono } from 'hono';
import { verifySignature } from '../webhooks/signature.js';
import { noticeFor } from '../webhooks/greenhouse-events.js';
import type { AppContext, AppEnv } from './context.js';

const MAX_BODY = 5 * 1024 * 1024;

export function webhookRoutes(app: AppContext, http: Hono<AppEnv>): void {
  http.post('/webhooks/greenhouse', async (c) => {
    const config = app.serve.webhooks.greenhouse;
    const hook = app.webhooks.greenhouse;
    const count = (outcome: string): void =>
      app.metrics.inc('hrflow_webhook_deliveries_total', 'Webhook deliveries by outcome.', {
        source: 'greenhouse',
        outcome,
      });
    if (!config || !hook) {
      count('disabled');
      return c.json({ error: { code: 'not-found', message: 'webhook not configured' } }, 404);
    }
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > MAX_BODY) {
      count('too-large');
      return c.json({ error: { code: 'usage-invalid', message: 'body too large' } }, 413);
    }
    const body = new Uint8Array(await c.req.arrayBuffer());
    const secret = app.env[config.secretEnv] ?? '';
    if (!verifySignature(body, c.req.header('signature'), secret)) {
      count('bad-signature');
      app.logger.warn('webhook-refused', 'Greenhouse webhook with a missing or bad signature');
      return c.json({ error: { code: 'unauthorized', message: 'bad signature' } }, 401);
    }
    if (!hook.guard.firstSighting(body, c.req.header('greenhouse-event-id'))) {
      count('replay');
      return c.json({ accepted: false, duplicate: true }, 200);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body).toString('utf8'));
    } catch {
      count('malformed');
      return c.json({ error: { code: 'usage-invalid', message: 'body is not JSON' } }, 400);
    }
    const notice = noticeFor(parsed);
    if (notice) hook.transport.publish(notice);
    count(notice ? 'queued' : 'ignored');
    return c.json({ accepted: true, streams: notice?.streams ?? [] }, 200);
  });
}
