/**
 * The Workday simulator for one tenant: the OAuth token endpoint, REST (common v1, staffing v6,
 * person v4) with `{total, data}` envelopes paged by `limit` (default 20, at most 100) and
 * `offset`, RaaS custom reports, and SOAP `Get_Workers`. Every response carries
 * `wd-stat-request-id` and `wd-ratelimit-tokens-remaining`. REST has no change filter on
 * workers, exactly as in Workday; incremental readers use SOAP transaction-log windows.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/clock.js';
import type { World } from '../company/generate.js';
import type { Department, Worker } from '../company/model.js';
import type { FaultSettings } from '../http/faults.js';
import { FaultInjector } from '../http/faults.js';
import { respond } from '../http/respond.js';
import { wid } from '../random.js';
import type { Handler, Listening, Reply, Request } from '../http/server-kit.js';
import {
  json,
  listen,
  parseBasic,
  parseBearer,
  readBody,
  Router,
  toRequest,
} from '../http/server-kit.js';
import type { WorkdayAuthOptions, WorkdayGrant } from './oauth.js';
import { WorkdayAuth } from './oauth.js';
import { REPORTS, runReport } from './raas.js';
import type { ReportName } from './raas.js';
import { WorkdayView } from './render.js';
import { SelectionCache } from './get-workers-query.js';
import { TokenBucket } from './throttle.js';
import { getWorkers } from './soap.js';

export interface WorkdayServerOptions {
  readonly port: number;
  readonly seed: number;
  readonly tenant: string;
  /** The RaaS report owner segment, e.g. `ISU_hrflow`. */
  readonly reportOwner: string;
  readonly auth: WorkdayAuthOptions;
  /** Minutes before an entered change shows in the API (0: at once). */
  readonly indexingLagMinutes: number;
  /** What to do with `limit` above 100: clamp it (default) or answer 400. */
  readonly limitOverflow: 'clamp' | 'error';
  readonly throttle: { readonly capacity: number; readonly refillPerSecond: number } | null;
  readonly faults: FaultSettings;
}

const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;

export class WorkdayServer {
  readonly auth: WorkdayAuth;
  readonly faults: FaultInjector;
  readonly #world: World;
  readonly #options: WorkdayServerOptions;
  readonly #router = new Router();
  readonly #bucket: TokenBucket | null;
  #view: WorkdayView | null = null;
  #listening: Listening | null = null;
  #cache: { version: number; active: Worker[]; all: Worker[] } | null = null;
  readonly #selections = new SelectionCache();

  private constructor(world: World, options: WorkdayServerOptions, clock: Clock, admin: Handler) {
    this.#world = world;
    this.#options = options;
    this.auth = new WorkdayAuth(options.auth, clock);
    this.faults = new FaultInjector(options.seed, 'workday', clock, options.faults);
    this.#bucket = options.throttle
      ? new TokenBucket(options.throttle.capacity, options.throttle.refillPerSecond, clock)
      : null;
    const api =
      (handler: (request: Request) => Reply): Handler =>
      (request) =>
        this.#api(request, handler);
    this.#router
      .add('POST', '/ccx/oauth2/:tenant/token', (r) => this.#tenantOk(r) ?? this.auth.token(r))
      .add(
        'GET',
        '/ccx/api/v1/:tenant/workers',
        api((r) => this.#page(r, this.#workers(r), (w) => this.view.workerSummary(w))),
      )
      .add(
        'GET',
        '/ccx/api/v1/:tenant/workers/:id',
        api((r) => this.#one(this.#worker(r), (w) => this.view.workerProfile(w))),
      )
      .add(
        'GET',
        '/ccx/api/v1/:tenant/workers/:id/directReports',
        api((r) => this.#directReports(r)),
      )
      .add(
        'GET',
        '/ccx/api/v1/:tenant/supervisoryOrganizations',
        api((r) =>
          this.#page(r, this.#world.company.departments, (d) =>
            this.view.supervisoryOrganization(d),
          ),
        ),
      )
      .add(
        'GET',
        '/ccx/api/v1/:tenant/supervisoryOrganizations/:id/workers',
        api((r) => this.#members(r, (w) => this.view.workerSummary(w))),
      )
      .add(
        'GET',
        '/ccx/api/v1/:tenant/organizations',
        api((r) => this.#organizations(r)),
      )
      .add(
        'GET',
        '/ccx/api/staffing/v6/:tenant/workers',
        api((r) => this.#page(r, this.#workers(r), (w) => this.view.staffingWorker(w))),
      )
      .add(
        'GET',
        '/ccx/api/staffing/v6/:tenant/workers/:id',
        api((r) => this.#one(this.#worker(r), (w) => this.view.staffingWorker(w))),
      )
      .add(
        'GET',
        '/ccx/api/staffing/v6/:tenant/workers/:id/serviceDates',
        api((r) => this.#serviceDates(r)),
      )
      .add(
        'GET',
        '/ccx/api/staffing/v6/:tenant/jobs',
        api((r) => this.#jobs(r)),
      )
      .add(
        'GET',
        '/ccx/api/staffing/v6/:tenant/supervisoryOrganizations',
        api((r) =>
          this.#page(r, this.#world.company.departments, (d) =>
            this.view.supervisoryOrganization(d),
          ),
        ),
      )
      .add(
        'GET',
        '/ccx/api/staffing/v6/:tenant/supervisoryOrganizations/:id',
        api((r) => this.#one(this.#department(r), (d) => this.view.supervisoryOrganization(d))),
      )
      .add(
        'GET',
        '/ccx/api/staffing/v6/:tenant/supervisoryOrganizations/:id/members',
        api((r) => this.#members(r, (w) => this.view.staffingWorker(w))),
      )
      .add(
        'GET',
        '/ccx/api/staffing/v6/:tenant/jobProfiles',
        api((r) => this.#page(r, this.#world.company.profiles, (p) => this.view.jobProfile(p))),
      )
      .add(
        'GET',
        '/ccx/api/staffing/v6/:tenant/jobProfiles/:id',
        api((r) =>
          this.#one(
            this.#world.company.profiles.find((p) => p.wid === r.params.id),
            (p) => this.view.jobProfile(p),
          ),
        ),
      )
      .add(
        'GET',
        '/ccx/api/staffing/v6/:tenant/jobFamilies',
        api((r) => this.#page(r, this.#world.company.families, (f) => this.view.jobFamily(f))),
      )
      .add(
        'GET',
        '/ccx/api/person/v4/:tenant/people',
        api((r) => this.#people(r)),
      )
      .add(
        'GET',
        '/ccx/api/person/v4/:tenant/people/:id',
        api((r) => this.#one(this.#person(r), (w) => this.#personLinks(w))),
      )
      .add(
        'GET',
        '/ccx/api/person/v4/:tenant/people/:id/:part',
        api((r) => this.#personPart(r)),
      )
      .add('GET', '/ccx/service/customreport2/:tenant/:owner/:report', (r) => this.#report(r))
      .add('POST', '/ccx/service/:tenant/:service/:version', (r) => this.#soap(r))
      .add('GET', '/_sandbox/:action', admin)
      .add('POST', '/_sandbox/:action', admin)
      .add('PUT', '/_sandbox/:action', admin);
  }

  static async start(
    world: World,
    options: WorkdayServerOptions,
    clock: Clock,
    admin: Handler,
  ): Promise<WorkdayServer> {
    const server = new WorkdayServer(world, options, clock, admin);
    server.#listening = await listen(options.port, (req, res) => server.#handle(req, res));
    server.#view = new WorkdayView(
      world.company,
      server.#listening.origin,
      options.tenant,
      options.indexingLagMinutes * 60,
    );
    return server;
  }

  get origin(): string {
    if (!this.#listening) throw new Error('Workday server is not listening');
    return this.#listening.origin;
  }

  get view(): WorkdayView {
    if (!this.#view) throw new Error('Workday server is not listening');
    return this.#view;
  }

  async close(): Promise<void> {
    await this.#listening?.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, 5_000_000);
    const base = toRequest(req, body);
    const admin = base.path.startsWith('/_sandbox/');
    const headers = { 'wd-stat-request-id': randomUUID() };
    if (!admin) {
      const decision = await this.faults.before();
      if (decision.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (decision.kind === 'too-many-requests') {
        respond(
          res,
          wdError(429, 'Too many requests', 'R429', {
            ...headers,
            'retry-after': String(decision.retryAfterSeconds),
          }),
          null,
        );
        return;
      }
      if (decision.kind === 'server-error') {
        respond(res, maintenance(decision.status), null);
        return;
      }
    }
    const match = this.#router.match(base.method, base.path);
    if (match === 'not-found' || match === 'method-not-allowed') {
      respond(
        res,
        wdError(match === 'not-found' ? 404 : 405, 'Resource not found', 'S404', headers),
        null,
      );
      return;
    }
    const reply = await match.handler({ ...base, params: match.params });
    respond(
      res,
      { ...reply, headers: { ...headers, ...reply.headers } },
      admin ? null : this.faults,
    );
  }

  #tenantOk(request: Request): Reply | null {
    return request.params.tenant === this.#options.tenant
      ? null
      : wdError(404, 'Invalid tenant', 'S404');
  }

  /**
   * REST takes only bearer tokens; RaaS also takes the Integration System User's password as
   * HTTP Basic (reference: workday.md §1.2 and §4.2).
   */
  #authorize(request: Request, surface: 'rest' | 'raas'): { grant: WorkdayGrant } | Reply {
    const tenant = this.#tenantOk(request);
    if (tenant) return tenant;
    const auth = this.auth.authenticate(
      parseBearer(request.headers.authorization),
      surface === 'raas' ? parseBasic(request.headers.authorization) : null,
    );
    if (auth.kind !== 'ok') return wdError(401, 'Invalid access token', 'S22');
    const grant = auth.grant;
    grant.calls++;
    if (this.faults.tokenExpired(grant.calls)) {
      grant.revoked = true;
      return wdError(401, 'Invalid access token', 'S22');
    }
    return { grant };
  }

  #throttle(): Reply | Record<string, string> {
    if (!this.#bucket) return { 'wd-ratelimit-tokens-remaining': '7199' };
    const taken = this.#bucket.take();
    if (!taken.allowed) {
      return wdError(429, 'Too many requests', 'R429', {
        'retry-after': String(taken.retryAfterSeconds),
        'wd-ratelimit-tokens-remaining': '0',
      });
    }
    return { 'wd-ratelimit-tokens-remaining': String(taken.remaining) };
  }

  #api(request: Request, handler: (request: Request) => Reply): Reply {
    const auth = this.#authorize(request, 'rest');
    if ('status' in auth) return auth;
    const throttle = this.#throttle();
    if ('status' in throttle) return throttle as Reply;
    const reply = handler(request);
    return { ...reply, headers: { ...throttle, ...reply.headers } };
  }

  /** A `{total, data}` page of `items`, after `limit` and `offset` are checked. */
  #page<T>(
    request: Request,
    items: readonly T[],
    render: (item: T) => Record<string, unknown>,
  ): Reply {
    const limitText = request.query.get('limit');
    const offsetText = request.query.get('offset');
    let limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
    const offset = offsetText === null ? 0 : Number(offsetText);
    if (!Number.isInteger(limit) || limit < 1) {
      return wdError(400, `Invalid limit '${limitText ?? ''}'`, 'A400', {}, 'limit');
    }
    if (!Number.isInteger(offset) || offset < 0) {
      return wdError(400, `Invalid offset '${offsetText ?? ''}'`, 'A400', {}, 'offset');
    }
    if (limit > MAX_LIMIT) {
      if (this.#options.limitOverflow === 'error') {
        return wdError(400, `The maximum limit is ${MAX_LIMIT}`, 'A400', {}, 'limit');
      }
      limit = MAX_LIMIT;
    }
    const data = items.slice(offset, offset + limit).map(render);
    this.faults.drift(data);
    return json(
      200,
      { total: items.length, data },
      { 'content-type': 'application/json; charset=UTF-8' },
    );
  }

  #one<T>(item: T | undefined, render: (item: T) => Record<string, unknown>): Reply {
    if (item === undefined) return wdError(404, 'Resource not found', 'S404');
    const data = render(item);
    this.faults.drift([data]);
    return json(200, data);
  }

  /** Current workers (and, when asked, terminated ones), filtered by `search`. */
  #workers(request: Request): readonly Worker[] {
    const company = this.#world.company;
    if (!this.#cache || this.#cache.version !== company.version) {
      const active: Worker[] = [];
      const all: Worker[] = [];
      for (const worker of company.workers) {
        const status = this.view.state(worker).status;
        if (status === 'active') active.push(worker);
        if (status === 'active' || status === 'terminated') all.push(worker);
      }
      this.#cache = { version: company.version, active, all };
    }
    const pool =
      request.query.get('includeTerminatedWorkers') === 'true'
        ? this.#cache.all
        : this.#cache.active;
    const search = request.query.get('search')?.trim().toLowerCase();
    if (!search || search.length < 3) return pool;
    const terms = search.split(/\s+/);
    return pool.filter((worker) => {
      const names = [
        worker.legalFirstName,
        worker.legalLastName,
        worker.preferredFirstName ?? '',
        worker.workerId,
      ].map((n) => n.toLowerCase());
      return terms.some((term) => names.some((name) => name.startsWith(term)));
    });
  }

  /** A worker by WID, or by `Employee_ID=…` / `Contingent_Worker_ID=…`. */
  #worker(request: Request): Worker | undefined {
    const id = request.params.id ?? '';
    const [type, value] = id.includes('=') ? id.split('=', 2) : ['WID', id];
    if (!['WID', 'Employee_ID', 'Contingent_Worker_ID'].includes(type ?? '')) return undefined;
    const found = this.view.workerById(value ?? '');
    if (!found || (type === 'WID' ? found.wid !== value : found.workerId !== value)) {
      return undefined;
    }
    const status = this.view.state(found).status;
    return status === 'active' || status === 'terminated' ? found : undefined;
  }

  #department(request: Request): Department | undefined {
    return this.#world.company.departments.find((d) => d.wid === request.params.id);
  }

  #members(request: Request, render: (worker: Worker) => Record<string, unknown>): Reply {
    const department = this.#department(request);
    if (!department) return wdError(404, 'Resource not found', 'S404');
    const members = this.#workers(request).filter(
      (w) => this.view.state(w).primary?.department === department,
    );
    return this.#page(request, members, render);
  }

  #directReports(request: Request): Reply {
    const manager = this.#worker(request);
    if (!manager) return wdError(404, 'Resource not found', 'S404');
    const reports = this.#workers(request).filter((w) => this.view.manager(w) === manager);
    return this.#page(request, reports, (w) => this.view.workerSummary(w));
  }

  #serviceDates(request: Request): Reply {
    const worker = this.#worker(request);
    if (!worker) return wdError(404, 'Resource not found', 'S404');
    const state = this.view.state(worker);
    const time = this.#world.company.time;
    const data =
      state.hireDay === null
        ? []
        : [
            {
              hireDate: time.date(state.hireDay),
              continuousServiceDate: time.date(state.originalHireDay ?? state.hireDay),
            },
          ];
    return json(200, { total: data.length, data });
  }

  #jobs(request: Request): Reply {
    const jobs = this.#workers(request).flatMap((worker) => {
      const state = this.view.state(worker);
      return [...(state.primary ? [state.primary] : []), ...state.additional].map((position) => ({
        worker,
        position,
      }));
    });
    return this.#page(request, jobs, ({ worker, position }) => ({
      ...this.view.job(position, worker),
      worker: { id: worker.wid, descriptor: this.view.descriptor(worker) },
    }));
  }

  /**
   * Common v1 `/organizations`: supervisory organisations, cost centres (one per area), business
   * units and the company, filtered by `type` (`Supervisory`, `Cost_Center`, `Business_Unit`,
   * `Company`).
   */
  #organizations(request: Request): Reply {
    const company = this.#world.company;
    const view = this.view;
    const org = (
      id: string,
      descriptor: string,
      type: string,
      code: string,
      superior?: string,
    ): Record<string, unknown> => ({
      id,
      descriptor,
      href: view.href('api/v1', `organizations/${id}`),
      organizationType: { descriptor: type.replace('_', ' ') },
      code,
      ...(superior ? { superiorOrganization: { id: superior } } : {}),
    });
    const companyWid = wid(company.settings.seed, 'company');
    const all = [
      org(companyWid, company.name, 'Company', 'CO-001'),
      ...company.businessUnits.map((unit) =>
        org(unit.wid, unit.name, 'Business_Unit', unit.code, companyWid),
      ),
      ...company.departments
        .filter((d) => d.parent === null)
        .map((d) =>
          org(
            wid(company.settings.seed, 'cost-center', d.index),
            `CC-${d.businessUnit.code} ${d.area.name}`,
            'Cost_Center',
            `CC-${d.businessUnit.code}-${d.index}`,
            d.businessUnit.wid,
          ),
        ),
      ...company.departments.map((d) =>
        org(d.wid, view.orgDescriptor(d), 'Supervisory', d.code, d.parent?.wid),
      ),
    ];
    const type = request.query.get('type');
    const wanted =
      type === null
        ? all
        : all.filter(
            (o) =>
              (o.organizationType as { descriptor: string }).descriptor === type.replace('_', ' '),
          );
    return this.#page(request, wanted, (o) => o);
  }

  #person(request: Request): Worker | undefined {
    const id = request.params.id;
    return this.view.workersOfPerson(id ?? '').find((w) => this.view.state(w).status !== 'none');
  }

  #people(request: Request): Reply {
    const universal = request.query.get('universal_ID');
    const seen = new Set<string>();
    const people = this.#workers({
      ...request,
      query: new URLSearchParams({ includeTerminatedWorkers: 'true' }),
    }).filter((w) => {
      if (seen.has(w.personWid)) return false;
      seen.add(w.personWid);
      return universal === null || w.universalId === universal;
    });
    return this.#page(request, people, (w) => this.#personLinks(w));
  }

  #personLinks(worker: Worker): Record<string, unknown> {
    const link = (part: string): string =>
      this.view.href('person/v4', `people/${worker.personWid}/${part}`);
    return {
      id: worker.personWid,
      descriptor: `${worker.legalFirstName} ${worker.legalLastName}`,
      universal_ID: { id: worker.universalId },
      personalInformation: link('personalInformation'),
      legalName: link('legalName'),
      preferredName: link('preferredName'),
      homeEmails: link('homeEmails'),
      workEmails: link('workEmails'),
      workPhones: link('workPhones'),
      homeAddresses: link('homeAddresses'),
    };
  }

  #personPart(request: Request): Reply {
    const worker = this.#person(request);
    if (!worker) return wdError(404, 'Resource not found', 'S404');
    const view = this.view;
    const state = view.state(worker);
    const usage = (type: string): Record<string, unknown> => ({
      primary: true,
      public: type === 'Work',
      usageType: { descriptor: type },
    });
    switch (request.params.part) {
      case 'personalInformation':
        return this.#one(worker, (w) => view.personalInformation(w));
      case 'legalName':
        return json(200, {
          firstName: worker.legalFirstName,
          lastName: state.legalLastName,
          country: { descriptor: worker.person.country.name },
        });
      case 'preferredName':
        return json(200, {
          firstName: worker.preferredFirstName ?? worker.legalFirstName,
          lastName: state.legalLastName,
        });
      case 'homeEmails': {
        const data = worker.personalEmail
          ? [
              {
                id: `${worker.personWid}-home-email`,
                emailAddress: worker.personalEmail,
                usage: usage('Home'),
              },
            ]
          : [];
        return json(200, { total: data.length, data });
      }
      case 'workEmails': {
        const data = worker.workEmail
          ? [
              {
                id: `${worker.personWid}-work-email`,
                emailAddress: worker.workEmail,
                usage: usage('Work'),
              },
            ]
          : [];
        return json(200, { total: data.length, data });
      }
      case 'workPhones':
        return json(200, {
          total: 1,
          data: [
            {
              id: `${worker.personWid}-work-phone`,
              completePhoneNumber: view.workPhone(worker),
              usage: usage('Work'),
            },
          ],
        });
      case 'homeAddresses': {
        const office = state.primary?.office;
        const data = office
          ? [
              {
                id: `${worker.personWid}-home`,
                addressLine1: `${(worker.person.index % 900) + 100} Main Street`,
                city: office.spec.city,
                country: { descriptor: office.country.name },
                fullFormattedAddress: `${(worker.person.index % 900) + 100} Main Street, ${office.spec.city}, ${office.country.name}`,
                usage: usage('Home'),
              },
            ]
          : [];
        return json(200, { total: data.length, data });
      }
      default:
        return wdError(404, 'Resource not found', 'S404');
    }
  }

  #report(request: Request): Reply {
    const auth = this.#authorize(request, 'raas');
    if ('status' in auth) return auth;
    const throttle = this.#throttle();
    if ('status' in throttle) return throttle as Reply;
    const report = request.params.report as ReportName;
    if (request.params.owner !== this.#options.reportOwner || !REPORTS.includes(report)) {
      return {
        status: 404,
        body: `Report not found: ${request.params.owner ?? ''}/${request.params.report ?? ''}`,
        headers: throttle,
      };
    }
    const time = this.#world.company.time;
    const date = (name: string): number | undefined | 'invalid' => {
      const raw = request.query.get(name);
      if (raw === null) return undefined;
      return time.parseDate(raw.slice(0, 10)) ?? 'invalid';
    };
    const asOf = date('Effective_as_of_Date');
    const from = date('Start_Date');
    const to = date('End_Date');
    if (asOf === 'invalid' || from === 'invalid' || to === 'invalid') {
      return { status: 400, body: 'Invalid prompt value: dates are YYYY-MM-DD', headers: throttle };
    }
    const entries = runReport(this.view, report, { asOf, from, to });
    this.faults.drift(entries);
    const format = request.query.get('format');
    if (format === 'json') return json(200, { Report_Entry: entries }, throttle);
    if (format === 'csv') {
      return {
        status: 200,
        body: toCsv(entries),
        contentType: 'text/csv; charset=UTF-8',
        headers: throttle,
      };
    }
    return {
      status: 200,
      body: toReportXml(report, entries),
      contentType: 'application/xml; charset=UTF-8',
      headers: throttle,
    };
  }

  #soap(request: Request): Reply {
    const tenant = this.#tenantOk(request);
    if (tenant) return tenant;
    const service = request.params.service;
    if (service !== 'Human_Resources' && service !== 'Staffing') {
      return wdError(404, 'Resource not found', 'S404');
    }
    const throttle = this.#throttle();
    if ('status' in throttle) return throttle as Reply;
    const expired = (calls: number): boolean => this.faults.tokenExpired(calls);
    const reply = getWorkers(this.view, this.auth, request, expired, this.#selections);
    return { ...reply, headers: { ...throttle, ...reply.headers } };
  }
}

/** Workday's REST error body. */
export function wdError(
  status: number,
  message: string,
  code: string,
  headers: Record<string, string> = {},
  field = '',
): Reply {
  return json(
    status,
    { error: message, errors: [{ error: message, code, field, path: '' }] },
    headers,
  );
}

function maintenance(status: 500 | 502 | 503): Reply {
  if (status === 503) {
    return {
      status,
      body: '<html><body><h1>Workday is currently unavailable</h1><p>Scheduled maintenance is in progress.</p></body></html>',
      contentType: 'text/html; charset=UTF-8',
      headers: { 'retry-after': '30' },
    };
  }
  return wdError(status, 'An internal error occurred', status === 502 ? 'S502' : 'S500');
}

function toCsv(entries: readonly Record<string, unknown>[]): string {
  const columns = [...new Set(entries.flatMap((e) => Object.keys(e)))];
  const cell = (value: unknown): string => {
    const text =
      value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return (
    [columns.join(','), ...entries.map((e) => columns.map((c) => cell(e[c])).join(','))].join(
      '\n',
    ) + '\n'
  );
}

function toReportXml(report: string, entries: readonly Record<string, unknown>[]): string {
  const escape = (text: string): string => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const fields = (entry: Record<string, unknown>): string =>
    Object.entries(entry)
      .map(([key, value]) =>
        typeof value === 'string' ? `<wd:${key}>${escape(value)}</wd:${key}>` : '',
      )
      .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<wd:Report_Data xmlns:wd="urn:com.workday.report/${report}">${entries.map((e) => `<wd:Report_Entry>${fields(e)}</wd:Report_Entry>`).join('')}</wd:Report_Data>\n`;
}
