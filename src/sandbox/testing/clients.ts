/**
 * Minimal HTTP clients for the sandbox's own tests: they speak to the servers over real loopback
 * HTTP exactly as a connector would, and return parsed bodies without trusting them.
 */
import type { Sandbox } from '../index.js';

export interface Fetched {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  readonly body: unknown;
}

export async function fetchText(url: string, init?: RequestInit): Promise<Fetched> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** Mints a Greenhouse access token with client credentials; `sub` is optional. */
export async function greenhouseToken(
  sandbox: Sandbox,
  sub?: string,
  secret?: string,
): Promise<Fetched> {
  const basic = Buffer.from(
    `${sandbox.credentials.GREENHOUSE_CLIENT_ID}:${secret ?? sandbox.credentials.GREENHOUSE_CLIENT_SECRET}`,
  ).toString('base64');
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (sub !== undefined) form.set('sub', sub);
  return fetchText(sandbox.greenhouse.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: form.toString(),
  });
}

/** An access token string, failing loudly when the token call fails. */
export async function greenhouseAccess(sandbox: Sandbox, sub?: string): Promise<string> {
  const reply = await greenhouseToken(sandbox, sub);
  const token = (reply.body as { access_token?: unknown } | undefined)?.access_token;
  if (reply.status !== 200 || typeof token !== 'string') {
    throw new Error(`token request failed: ${reply.status} ${reply.text}`);
  }
  return token;
}

/** GET a Harvest path (`/candidates?per_page=5`) or an absolute URL with a bearer token. */
export function harvest(sandbox: Sandbox, pathOrUrl: string, token: string): Promise<Fetched> {
  const url = pathOrUrl.startsWith('http')
    ? pathOrUrl
    : `${sandbox.greenhouse.baseUrl}${pathOrUrl}`;
  return fetchText(url, { headers: { authorization: `Bearer ${token}` } });
}

/** The `rel="next"` URL of a Link header, or null. */
export function nextLink(headers: Headers): string | null {
  const link = headers.get('link');
  if (!link) return null;
  const match = /<([^>]+)>;\s*rel="next"/.exec(link);
  return match?.[1] ?? null;
}

/** Follows Link headers from `path` and returns every record. */
export async function harvestAll(
  sandbox: Sandbox,
  path: string,
  token: string,
): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let url: string | null = `${sandbox.greenhouse.baseUrl}${path}`;
  while (url) {
    const reply = await harvest(sandbox, url, token);
    if (reply.status !== 200 || !Array.isArray(reply.body)) {
      throw new Error(`GET ${url} failed: ${reply.status} ${reply.text}`);
    }
    rows.push(...(reply.body as Record<string, unknown>[]));
    url = nextLink(reply.headers);
  }
  return rows;
}

/** Exchanges the sandbox's Workday refresh token for a token response. */
export function workdayToken(sandbox: Sandbox, refreshToken?: string): Promise<Fetched> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken ?? sandbox.credentials.WORKDAY_REFRESH_TOKEN,
    client_id: sandbox.credentials.WORKDAY_CLIENT_ID,
    client_secret: sandbox.credentials.WORKDAY_CLIENT_SECRET,
  });
  return fetchText(sandbox.workday.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
}

export async function workdayAccess(sandbox: Sandbox): Promise<string> {
  const reply = await workdayToken(sandbox);
  const token = (reply.body as { access_token?: unknown } | undefined)?.access_token;
  if (reply.status !== 200 || typeof token !== 'string') {
    throw new Error(`Workday token request failed: ${reply.status} ${reply.text}`);
  }
  return token;
}

export function workday(url: string, token: string): Promise<Fetched> {
  return fetchText(url, { headers: { authorization: `Bearer ${token}` } });
}

/** Posts a SOAP envelope whose body is `operation`, authenticated as the ISU. */
export function soap(sandbox: Sandbox, operation: string): Promise<Fetched> {
  const envelope = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:bsvc="urn:com.workday/bsvc">
  <soapenv:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
    <wsse:UsernameToken><wsse:Username>${sandbox.credentials.WORKDAY_ISU_USERNAME}</wsse:Username>
    <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">${sandbox.credentials.WORKDAY_ISU_PASSWORD}</wsse:Password></wsse:UsernameToken>
  </wsse:Security></soapenv:Header>
  <soapenv:Body>${operation}</soapenv:Body>
</soapenv:Envelope>`;
  return fetchText(sandbox.workday.soapUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: envelope,
  });
}
