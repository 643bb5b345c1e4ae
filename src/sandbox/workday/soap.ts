/**
 * SOAP `Get_Workers` (Human_Resources or Staffing, any version): the call real connectors use for
 * incremental worker syncs. Transaction-log criteria select workers with an event entered in the
 * `Updated_From/Through` window and effective in the `Effective_From/Through` window (several
 * criteria blocks are OR-ed); `As_Of_Effective_Date` and `As_Of_Entry_DateTime` pin what the
 * answer shows; `Page`/`Count` page it. Faults are SOAP faults at HTTP 500. Dates carry the
 * tenant's UTC offset (`2021-03-15-07:00`), as Workday renders `xsd:date`.
 */
import type { Department, Worker, WorkerEvent } from '../company/model.js';
import { resolveEvents, workerStateAt } from '../company/worker-state.js';
import type { ResolvedEvent, WorkerState } from '../company/worker-state.js';
import type { Reply, Request } from '../http/server-kit.js';
import { parseBearer } from '../http/server-kit.js';
import type { SimDay, SimTime } from '../time.js';
import type { WorkdayAuth } from './oauth.js';
import type { WorkdayView } from './render.js';
import { el, escapeXml, find, findAll, leaf, parseXml, textOf, XmlError } from './xml.js';
import type { XmlElement } from './xml.js';

const MAX_COUNT = 999;
const DEFAULT_COUNT = 100;
const TIME_ZONE = 'America/Los_Angeles';

/** Business process names of the transaction log, by event type. */
export const TRANSACTION_TYPES: Readonly<Record<WorkerEvent['type'], string>> = {
  hire: 'Hire',
  contract: 'Contract Contingent Worker',
  'job-change': 'Change Job',
  'compensation-change': 'Request Compensation Change',
  'add-job': 'Add Additional Job',
  'end-job': 'End Additional Job',
  terminate: 'Terminate Employee',
  'end-contract': 'End Contingent Worker Contract',
  'name-change': 'Change Legal Name',
  rescind: 'Rescind',
  correct: 'Correct',
};

interface Window {
  readonly updatedFrom?: SimTime;
  readonly updatedThrough?: SimTime;
  readonly effectiveFrom?: SimDay;
  readonly effectiveThrough?: SimDay;
  readonly types: ReadonlySet<string> | null;
}

interface Query {
  readonly windows: readonly Window[];
  readonly references: readonly { readonly type: string; readonly value: string }[];
  readonly excludeInactive: boolean;
  readonly excludeEmployees: boolean;
  readonly excludeContingent: boolean;
  readonly asOfDay: SimDay;
  readonly asOfEntry: SimTime;
  readonly page: number;
  readonly count: number;
  readonly include: ReadonlySet<string>;
  readonly version: string;
}

class Fault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Recent selections, so paging through a large result does not re-evaluate every worker for
 * each page. Keyed by the query without its page, and dropped when the company changes.
 */
export class SelectionCache {
  readonly #entries = new Map<string, { version: number; selected: Selected[] }>();

  get(view: WorkdayView, query: Query): Selected[] {
    const key = JSON.stringify({ ...query, page: 0, count: 0, include: [...query.include].sort() });
    const hit = this.#entries.get(key);
    if (hit && hit.version === view.company.version) return hit.selected;
    const selected = select(view, query);
    this.#entries.set(key, { version: view.company.version, selected });
    if (this.#entries.size > 8) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return selected;
  }
}

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

function readQuery(view: WorkdayView, operation: XmlElement): Query {
  const company = view.company;
  const time = company.time;
  const moment = (text: string | undefined, name: string): SimTime | undefined => {
    if (text === undefined) return undefined;
    const parsed = time.parseMoment(stripDateOffset(text));
    if (parsed === undefined) {
      throw new Fault('Client.validationError', `Invalid value for ${name}: ${text}`);
    }
    return parsed;
  };
  const day = (text: string | undefined, name: string): SimDay | undefined => {
    const at = moment(text, name);
    return at === undefined ? undefined : time.dayOf(at);
  };

  const windows = findAll(operation, 'Transaction_Log_Criteria_Data').map((block): Window => {
    const range = find(block, 'Transaction_Date_Range_Data') ?? block;
    const updatedFrom = moment(textOf(range, 'Updated_From'), 'Updated_From');
    const updatedThrough = moment(textOf(range, 'Updated_Through'), 'Updated_Through');
    const effectiveFrom = day(textOf(range, 'Effective_From'), 'Effective_From');
    const effectiveThrough = day(textOf(range, 'Effective_Through'), 'Effective_Through');
    if ((updatedFrom === undefined) !== (updatedThrough === undefined)) {
      throw new Fault(
        'Client.validationError',
        'Updated_From and Updated_Through must be given together.',
      );
    }
    if ((effectiveFrom === undefined) !== (effectiveThrough === undefined)) {
      throw new Fault(
        'Client.validationError',
        'Effective_From and Effective_Through must be given together.',
      );
    }
    if (updatedFrom !== undefined && updatedThrough !== undefined && updatedFrom > updatedThrough) {
      throw new Fault(
        'Client.validationError',
        'Updated_From must be on or before Updated_Through.',
      );
    }
    if (
      effectiveFrom !== undefined &&
      effectiveThrough !== undefined &&
      effectiveFrom > effectiveThrough
    ) {
      throw new Fault(
        'Client.validationError',
        'Effective_From must be on or before Effective_Through.',
      );
    }
    if (updatedThrough !== undefined && updatedThrough > company.now) {
      throw new Fault('Client.validationError', 'Updated_Through cannot be in the future.');
    }
    const typeIds = findAll(block, 'Transaction_Type_References').flatMap((refs) =>
      findAll(refs, 'ID').map((id) => id.text.trim()),
    );
    return {
      updatedFrom,
      updatedThrough,
      effectiveFrom,
      effectiveThrough,
      types: typeIds.length > 0 ? new Set(typeIds) : null,
    };
  });

  const references = findAll(operation, 'Worker_Reference').flatMap((ref) =>
    findAll(ref, 'ID').map((id) => ({ type: id.attributes.type ?? 'WID', value: id.text.trim() })),
  );
  const flag = (name: string): boolean => ['true', '1'].includes(textOf(operation, name) ?? '');
  const filter = find(operation, 'Response_Filter');
  const page = Number(filter ? (textOf(filter, 'Page') ?? '1') : '1');
  const count = Number(
    filter ? (textOf(filter, 'Count') ?? String(DEFAULT_COUNT)) : String(DEFAULT_COUNT),
  );
  if (!Number.isInteger(page) || page < 1) {
    throw new Fault('Client.validationError', 'Page must be a whole number greater than 0.');
  }
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new Fault('Client.validationError', `Count must be between 1 and ${MAX_COUNT}.`);
  }
  const asOfDay =
    day(filter ? textOf(filter, 'As_Of_Effective_Date') : undefined, 'As_Of_Effective_Date') ??
    time.dayOf(company.now);
  // Entries younger than the indexing lag are invisible whatever the request asks for.
  const asOfEntry = Math.min(
    moment(filter ? textOf(filter, 'As_Of_Entry_DateTime') : undefined, 'As_Of_Entry_DateTime') ??
      view.visibleNow,
    view.visibleNow,
  );

  const group = find(operation, 'Response_Group');
  const include = new Set<string>();
  const defaults = [
    'Include_Reference',
    'Include_Personal_Information',
    'Include_Employment_Information',
    'Include_Compensation',
    'Include_Organizations',
  ];
  if (!group) {
    for (const name of defaults) include.add(name);
  } else {
    for (const child of group.children) {
      if (['true', '1'].includes(child.text.trim())) include.add(child.name);
    }
  }

  return {
    windows,
    references,
    excludeInactive: flag('Exclude_Inactive_Workers'),
    excludeEmployees: flag('Exclude_Employees'),
    excludeContingent: flag('Exclude_Contingent_Workers'),
    asOfDay,
    asOfEntry,
    page,
    count,
    include,
    version: operation.attributes.version ?? 'v44.0',
  };
}

interface Selected {
  readonly worker: Worker;
  readonly state: WorkerState;
  readonly events: readonly ResolvedEvent[];
  readonly matched: readonly ResolvedEvent[];
}

function select(view: WorkdayView, query: Query): Selected[] {
  const company = view.company;
  const selected: Selected[] = [];
  for (const worker of company.workers) {
    if (query.excludeEmployees && worker.kind === 'employee') continue;
    if (query.excludeContingent && worker.kind === 'contingent') continue;
    if (
      query.references.length > 0 &&
      !query.references.some((ref) => referenceMatches(worker, ref))
    ) {
      continue;
    }
    const events = resolveEvents(worker, query.asOfEntry);
    if (events.length === 0) continue;
    const matched =
      query.windows.length === 0
        ? events
        : events.filter((event) => query.windows.some((w) => inWindow(event, w)));
    if (query.windows.length > 0 && matched.length === 0) continue;
    const state = workerStateAt(worker, query.asOfDay, query.asOfEntry);
    if (query.windows.length === 0 && (state.status === 'none' || state.status === 'pre-hire')) {
      continue;
    }
    if (query.excludeInactive && state.status !== 'active') continue;
    selected.push({ worker, state, events, matched });
  }
  return selected;
}

function referenceMatches(worker: Worker, ref: { type: string; value: string }): boolean {
  if (ref.type === 'WID') return worker.wid === ref.value;
  if (ref.type === 'Employee_ID') {
    return worker.kind === 'employee' && worker.workerId === ref.value;
  }
  if (ref.type === 'Contingent_Worker_ID') {
    return worker.kind === 'contingent' && worker.workerId === ref.value;
  }
  return false;
}

function inWindow(resolved: ResolvedEvent, window: Window): boolean {
  const event = resolved.event;
  if (window.updatedFrom !== undefined && event.entered < window.updatedFrom) return false;
  if (window.updatedThrough !== undefined && event.entered > window.updatedThrough) return false;
  if (window.effectiveFrom !== undefined && resolved.effective < window.effectiveFrom) return false;
  if (window.effectiveThrough !== undefined && resolved.effective > window.effectiveThrough) {
    return false;
  }
  if (window.types && !window.types.has(TRANSACTION_TYPES[event.type])) return false;
  return true;
}

function render(view: WorkdayView, query: Query, all: readonly Selected[]): string {
  const totalPages = Math.max(1, Math.ceil(all.length / query.count));
  const pageItems = all.slice((query.page - 1) * query.count, query.page * query.count);
  const workers = pageItems.map((item) => renderWorker(view, query, item)).join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body>',
    `<wd:Get_Workers_Response xmlns:wd="urn:com.workday/bsvc" wd:version="${escapeXml(query.version)}">`,
    el(
      'Response_Filter',
      {},
      leaf('As_Of_Effective_Date', wdDate(view, query.asOfDay)),
      leaf('As_Of_Entry_DateTime', wdMoment(view, query.asOfEntry)),
      leaf('Page', query.page),
      leaf('Count', query.count),
    ),
    el(
      'Response_Results',
      {},
      leaf('Total_Results', all.length),
      leaf('Total_Pages', totalPages),
      leaf('Page_Results', pageItems.length),
      leaf('Page', query.page),
    ),
    `<wd:Response_Data>${workers}</wd:Response_Data>`,
    '</wd:Get_Workers_Response></env:Body></env:Envelope>',
  ].join('');
}

function id(type: string, value: string): string {
  return `<wd:ID wd:type="${escapeXml(type)}">${escapeXml(value)}</wd:ID>`;
}

function ref(name: string, type: string, value: string, descriptor?: string): string {
  return el(name, { Descriptor: descriptor }, id(type, value));
}

function renderWorker(view: WorkdayView, query: Query, item: Selected): string {
  const { worker, state } = item;
  const include = query.include;
  const businessId = worker.kind === 'employee' ? 'Employee_ID' : 'Contingent_Worker_ID';
  const reference = el(
    'Worker_Reference',
    { Descriptor: view.descriptor(worker) },
    id('WID', worker.wid),
    id(businessId, worker.workerId),
  );
  const data = el(
    'Worker_Data',
    {},
    leaf('Worker_ID', worker.workerId),
    leaf('User_ID', worker.workEmail?.split('@')[0]),
    leaf('Universal_ID', worker.universalId),
    include.has('Include_Personal_Information') && personal(view, worker, state),
    include.has('Include_Employment_Information') && employment(view, worker, state),
    include.has('Include_Compensation') && compensation(view, state),
    include.has('Include_Organizations') && organizations(view, state),
    include.has('Include_Management_Chain_Data') && managementChain(view, worker),
    include.has('Include_Transaction_Log_Data') && transactionLog(view, worker, item.matched),
  );
  return el('Worker', {}, reference, leaf('Worker_Descriptor', view.descriptor(worker)), data);
}

function personal(view: WorkdayView, worker: Worker, state: WorkerState): string {
  const eeo = view.eeo(worker);
  const country = worker.person.country;
  const name = (first: string, last: string): string =>
    el(
      'Name_Detail_Data',
      { Formatted_Name: `${first} ${last}`, Reporting_Name: `${last}, ${first}` },
      ref('Country_Reference', 'ISO_3166-1_Alpha-3_Code', country.iso3),
      leaf('First_Name', first),
      leaf('Last_Name', last),
    );
  const email = (address: string | null, usage: 'WORK' | 'HOME'): string | undefined =>
    address
      ? el(
          'Email_Address_Data',
          {},
          leaf('Email_Address', address),
          el(
            'Usage_Data',
            { Public: usage === 'WORK' ? '1' : '0' },
            el(
              'Type_Data',
              { Primary: '1' },
              ref('Type_Reference', 'Communication_Usage_Type_ID', usage),
            ),
          ),
        )
      : undefined;
  return el(
    'Personal_Data',
    {},
    el(
      'Name_Data',
      {},
      el('Legal_Name_Data', {}, name(worker.legalFirstName, state.legalLastName)),
      worker.preferredFirstName
        ? el('Preferred_Name_Data', {}, name(worker.preferredFirstName, state.legalLastName))
        : undefined,
    ),
    el(
      'Contact_Data',
      {},
      email(worker.workEmail, 'WORK'),
      email(worker.personalEmail, 'HOME'),
      el(
        'Phone_Data',
        {},
        leaf('Formatted_Phone', view.workPhone(worker)),
        el(
          'Usage_Data',
          { Public: '1' },
          el(
            'Type_Data',
            { Primary: '1' },
            ref('Type_Reference', 'Communication_Usage_Type_ID', 'WORK'),
          ),
        ),
      ),
    ),
    leaf('Birth_Date', wdDate(view, worker.person.birthDay)),
    ref('Gender_Reference', 'Gender_Code', eeo.gender),
    eeo.ethnicity
      ? ref('Ethnicity_Reference', 'Ethnicity_ID', eeo.ethnicity, eeo.ethnicity)
      : undefined,
    eeo.hispanicOrLatino === null ? undefined : leaf('Hispanic_or_Latino', eeo.hispanicOrLatino),
    eeo.veteranStatus
      ? el(
          'Military_Service_Data',
          {},
          ref('Status_Reference', 'Military_Status_ID', eeo.veteranStatus, eeo.veteranStatus),
        )
      : undefined,
    eeo.disabilityStatus
      ? el(
          'Disability_Status_Data',
          {},
          ref('Disability_Reference', 'Disability_ID', eeo.disabilityStatus, eeo.disabilityStatus),
        )
      : undefined,
  );
}

function employment(view: WorkdayView, worker: Worker, state: WorkerState): string {
  const jobs = [
    ...(state.primary ? [{ position: state.primary, primary: true }] : []),
    ...state.additional.map((position) => ({ position, primary: false })),
  ];
  const termination = state.termination;
  const contingent = worker.kind === 'contingent';
  return el(
    'Employment_Data',
    {},
    ...jobs.map(({ position, primary }) =>
      el(
        'Worker_Job_Data',
        { Primary_Job: primary ? '1' : '0' },
        el(
          'Position_Data',
          {
            Effective_Date:
              state.lastChangeDay === null ? undefined : wdDate(view, state.lastChangeDay),
          },
          leaf('Position_ID', position.positionId),
          leaf('Position_Title', position.profile.name),
          leaf('Business_Title', position.title),
          leaf('Start_Date', state.hireDay === null ? undefined : wdDate(view, state.hireDay)),
          ref(
            'Worker_Type_Reference',
            contingent ? 'Contingent_Worker_Type_ID' : 'Employee_Type_ID',
            position.jobType,
          ),
          ref(
            'Position_Time_Type_Reference',
            'Position_Time_Type_ID',
            position.timeType.replace(' ', '_'),
          ),
          leaf('Full_Time_Equivalent_Percentage', position.fte),
          leaf('Exclude_from_Headcount', contingent),
          el(
            'Job_Profile_Summary_Data',
            {},
            ref(
              'Job_Profile_Reference',
              'Job_Profile_ID',
              position.profile.code,
              position.profile.name,
            ),
            leaf('Job_Profile_Name', position.profile.name),
            ref(
              'Management_Level_Reference',
              'Management_Level_ID',
              position.profile.managementLevel,
            ),
            ref(
              'Job_Family_Reference',
              'Job_Family_ID',
              position.profile.family.spec.code,
              position.profile.family.spec.name,
            ),
          ),
          el(
            'Business_Site_Summary_Data',
            {},
            ref(
              'Location_Reference',
              'Location_ID',
              position.office.externalId,
              position.office.name,
            ),
            leaf('Name', position.office.name),
          ),
        ),
        el(
          'Position_Organizations_Data',
          {},
          el('Position_Organization_Data', {}, organization(view, position.department)),
        ),
      ),
    ),
    el(
      'Worker_Status_Data',
      {},
      leaf('Active', state.status === 'active'),
      leaf('Hire_Date', state.hireDay === null ? undefined : wdDate(view, state.hireDay)),
      leaf(
        'Original_Hire_Date',
        state.originalHireDay === null ? undefined : wdDate(view, state.originalHireDay),
      ),
      leaf('First_Day_of_Work', state.hireDay === null ? undefined : wdDate(view, state.hireDay)),
      leaf(
        'Continuous_Service_Date',
        state.originalHireDay === null ? undefined : wdDate(view, state.originalHireDay),
      ),
      leaf(
        'End_Employment_Date',
        state.contractEnd === null ? undefined : wdDate(view, state.contractEnd),
      ),
      leaf('Terminated', state.status === 'terminated'),
      leaf(
        'Termination_Date',
        state.terminationDay === null ? undefined : wdDate(view, state.terminationDay),
      ),
      termination
        ? ref(
            'Primary_Termination_Reason_Reference',
            'Termination_Subcategory_ID',
            `${contingent ? 'End_Contract' : 'Terminate_Employee'}_${termination.category === 'voluntary' ? 'Voluntary' : 'Involuntary'}_${termination.reason.replace(/\W+/g, '_')}`,
            termination.reason,
          )
        : undefined,
      termination
        ? ref(
            'Primary_Termination_Category_Reference',
            'Event_Classification_Category_ID',
            termination.category === 'voluntary'
              ? 'Terminate_Employee_Voluntary'
              : 'Terminate_Employee_Involuntary',
          )
        : undefined,
      termination
        ? leaf('Termination_Involuntary', termination.category === 'involuntary')
        : undefined,
      termination ? leaf('Regrettable_Termination', termination.regrettable) : undefined,
      termination
        ? ref(
            'Eligible_for_Rehire_Reference',
            'Yes_No_Type_ID',
            termination.eligibleForRehire ? 'Yes' : 'No',
          )
        : undefined,
      leaf('Hire_Rescinded', state.hireRescinded),
      leaf('Retired', termination?.reason === 'Retirement'),
    ),
  );
}

function organization(view: WorkdayView, department: Department): string {
  return el(
    'Organization_Data',
    {},
    ref(
      'Organization_Reference',
      'Organization_Reference_ID',
      department.code,
      view.orgDescriptor(department),
    ),
    leaf('Organization_Code', department.code),
    leaf('Organization_Name', department.name),
    ref('Organization_Type_Reference', 'Organization_Type_ID', 'Supervisory'),
  );
}

function compensation(view: WorkdayView, state: WorkerState): string | undefined {
  const pay = state.compensation;
  if (!pay) return undefined;
  const annual = pay.frequency === 'Hourly' ? Math.round(pay.amount * 2080) : pay.amount;
  return el(
    'Compensation_Data',
    {},
    leaf(
      'Compensation_Effective_Date',
      state.lastChangeDay === null ? undefined : wdDate(view, state.lastChangeDay),
    ),
    el(
      'Salary_and_Hourly_Data',
      {},
      ref(
        'Compensation_Plan_Reference',
        'Compensation_Plan_ID',
        pay.frequency === 'Hourly' ? 'HOURLY_PLAN' : 'SALARY_PLAN',
      ),
      leaf('Amount', pay.amount.toFixed(2)),
      ref('Currency_Reference', 'Currency_ID', pay.currency),
      ref('Frequency_Reference', 'Frequency_ID', pay.frequency),
    ),
    el(
      'Employee_Compensation_Summary_Data',
      {},
      el(
        'Annualized_Summary_Data',
        {},
        leaf('Total_Base_Pay', annual.toFixed(2)),
        ref('Currency_Reference', 'Currency_ID', pay.currency),
        ref('Frequency_Reference', 'Frequency_ID', 'Annual'),
      ),
    ),
  );
}

function organizations(view: WorkdayView, state: WorkerState): string | undefined {
  const department = state.primary?.department;
  if (!department) return undefined;
  return el(
    'Organization_Data',
    {},
    el('Worker_Organization_Data', {}, organization(view, department)),
    el(
      'Worker_Organization_Data',
      {},
      el(
        'Organization_Data',
        {},
        ref(
          'Organization_Reference',
          'Organization_Reference_ID',
          `CC-${department.businessUnit.code}`,
          `CC-${department.businessUnit.code} ${department.area.name}`,
        ),
        leaf('Organization_Name', `${department.area.name} Cost Center`),
        ref('Organization_Type_Reference', 'Organization_Type_ID', 'Cost_Center'),
      ),
    ),
  );
}

function managementChain(view: WorkdayView, worker: Worker): string | undefined {
  const manager = view.manager(worker);
  if (!manager) return undefined;
  return el(
    'Management_Chain_Data',
    {},
    el(
      'Worker_Supervisory_Management_Chain_Data',
      {},
      el(
        'Management_Chain_Data',
        {},
        el(
          'Manager_Reference',
          { Descriptor: view.descriptor(manager) },
          id('WID', manager.wid),
          id('Employee_ID', manager.workerId),
        ),
      ),
    ),
  );
}

function transactionLog(
  view: WorkdayView,
  worker: Worker,
  events: readonly ResolvedEvent[],
): string {
  return el(
    'Transaction_Log_Entry_Data',
    {},
    ...events.map((resolved) => {
      const event = resolved.event;
      const type = TRANSACTION_TYPES[event.type];
      return el(
        'Transaction_Log_Entry',
        {},
        el(
          'Transaction_Log_Reference',
          {},
          id('WID', `${worker.wid.slice(0, 24)}${event.seq.toString(16).padStart(8, '0')}`),
        ),
        el(
          'Transaction_Log_Data',
          {},
          leaf('Transaction_Log_Description', `${type}: ${view.descriptor(worker)}`),
          leaf(
            'Transaction_Effective_Moment',
            wdMoment(view, view.company.time.startOf(resolved.effective)),
          ),
          leaf('Transaction_Entry_Moment', wdMoment(view, event.entered)),
          ref('Transaction_Log_Type_Reference', 'Business_Process_Type', type),
          leaf('Is_Rescind_Or_Rescinded', resolved.rescinded),
          leaf('Is_Correction_Or_Corrected', resolved.corrected),
        ),
      );
    }),
  );
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

const offsetCache = new Map<number, string>();
const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  timeZoneName: 'longOffset',
});

/** The tenant's UTC offset at a wall-clock hour, `-07:00` or `-08:00`. */
function offsetAt(ms: number): string {
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    const name =
      offsetFormat.formatToParts(new Date(hour * 3_600_000)).find((p) => p.type === 'timeZoneName')
        ?.value ?? 'GMT';
    offset = name === 'GMT' ? '+00:00' : name.slice(3);
    offsetCache.set(hour, offset);
  }
  return offset;
}

/** `2021-03-15-07:00`. */
function wdDate(view: WorkdayView, day: SimDay): string {
  const time = view.company.time;
  return `${time.date(day)}${offsetAt(time.ms(time.startOf(day)) + 12 * 3_600_000)}`;
}

/** `2021-03-15T09:30:00.000-07:00`, the moment in the tenant's local time. */
function wdMoment(view: WorkdayView, at: SimTime): string {
  const ms = view.company.time.ms(at);
  const offset = offsetAt(ms);
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(ms + minutes * 60_000).toISOString().slice(0, 23)}${offset}`;
}

/** `2021-03-15-07:00` → `2021-03-15`: date-only values with an offset are still dates. */
function stripDateOffset(text: string): string {
  return /^\d{4}-\d{2}-\d{2}[+-]\d{2}:\d{2}$/.test(text) ? text.slice(0, 10) : text;
}
