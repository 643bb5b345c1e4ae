/**
 * SOAP `Get_Workers` (Human_Resources or Staffing, any version): the call real connectors use for
 * incremental worker syncs. The ISU authenticates with a WS-Security UsernameToken, or a bearer
 * token; every failure is a SOAP fault at HTTP 500, as Workday answers.
 */
import type { Reply, Request } from '../http/server-kit.js';
import { parseBearer } from '../http/server-kit.js';
import { Fault, readQuery } from './get-workers-query.js';
import type { SelectionCache } from './get-workers-query.js';
import { render } from './get-workers-response.js';
import type { WorkdayAuth } from './oauth.js';
import type { WorkdayView } from './render.js';
import { escapeXml, find, parseXml, textOf, XmlError } from './xml.js';
import type { XmlElement } from './xml.js';

export function getWorkers(
  view: WorkdayView,
  auth: WorkdayAuth,
  request: Request,
  tokenExpired: (calls: number) => boolean,
  cache: SelectionCache,
): Reply {
  try {
    const envelope = parseXml(request.body.toString('utf8'));
    authenticate(envelope, auth, request, tokenExpired);
    const operation = find(envelope, 'Get_Workers_Request');
    if (!operation) {
      throw new Fault(
        'Client.validationError',
        'Only Get_Workers_Request is supported by this simulator.',
      );
    }
    const query = readQuery(view, operation);
    return {
      status: 200,
      body: render(view, query, cache.get(view, query)),
      contentType: 'text/xml; charset=UTF-8',
    };
  } catch (error) {
    if (error instanceof Fault) return fault(error.code, error.message);
    if (error instanceof XmlError) {
      return fault('Client.validationError', `Malformed XML: ${error.message}`);
    }
    throw error;
  }
}

function authenticate(
  envelope: XmlElement,
  auth: WorkdayAuth,
  request: Request,
  tokenExpired: (calls: number) => boolean,
): void {
  const token = find(envelope, 'UsernameToken');
  if (token) {
    if (!auth.checkIsu(textOf(token, 'Username') ?? '', textOf(token, 'Password') ?? '')) {
      throw new Fault('Client.authenticationError', 'invalid username or password');
    }
    return;
  }
  const result = auth.authenticate(parseBearer(request.headers.authorization), null);
  if (result.kind !== 'ok') {
    throw new Fault('Client.authenticationError', 'invalid username or password');
  }
  result.grant.calls++;
  if (tokenExpired(result.grant.calls)) {
    result.grant.revoked = true;
    throw new Fault('Client.authenticationError', 'invalid username or password');
  }
}

function fault(code: string, message: string): Reply {
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault>',
    `<faultcode>SOAP-ENV:${escapeXml(code)}</faultcode><faultstring>${escapeXml(message)}</faultstring>`,
    code === 'Client.validationError'
      ? `<detail><wd:Validation_Fault xmlns:wd="urn:com.workday/bsvc"><wd:Validation_Error><wd:Message>${escapeXml(message)}</wd:Message><wd:Detail_Message/><wd:Xpath/></wd:Validation_Error></wd:Validation_Fault></detail>`
      : '',
    '</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>',
  ].join('');
  return { status: 500, body, contentType: 'text/xml; charset=UTF-8' };
}
