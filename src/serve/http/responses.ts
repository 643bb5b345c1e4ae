/** Errors as HTTP answers: a status from the error's code, and a JSON body people can act on. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HrflowError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';

export function errorResponse(c: Context, error: unknown, logger: Logger): Response {
  if (!(error instanceof HrflowError) || error.code === 'internal') {
    logger.error('http-error', error instanceof Error ? error.message : String(error), {
      path: c.req.path,
    });
    return c.json(
      { error: { code: 'internal', message: 'internal error; see the server log' } },
      500,
    );
  }
  return c.json(
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.hint ? { hint: error.hint } : {}),
      },
    },
    statusOf(error),
  );
}

export function statusOf(error: HrflowError): ContentfulStatusCode {
  const explicit = error.details?.status;
  if (typeof explicit === 'number') return explicit as ContentfulStatusCode;
  switch (error.code) {
    case 'policy-denied':
      return 403;
    case 'usage-invalid':
    case 'selector-invalid':
    case 'config-invalid':
      return 400;
    case 'warehouse-locked':
      return 503;
    default:
      return 500;
  }
}

export function unauthorized(c: Context, message = 'sign in first'): Response {
  return c.json({ error: { code: 'unauthorized', message } }, 401);
}

export function forbidden(c: Context, message: string): Response {
  return c.json({ error: { code: 'policy-denied', message } }, 403);
}
