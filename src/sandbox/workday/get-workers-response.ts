/**
 * The response side of SOAP `Get_Workers`: Workday's `Worker_Data` sections (personal, employment,
 * compensation, organisations, management chain, transaction log) for a page of selected
 * workers. Dates carry the tenant's UTC offset (`2021-03-15-07:00`), as Workday renders
 * `xsd:date`; sections a request did not include are left out.
 */
import type { Department, Worker } from '../company/model.js';
import type { ResolvedEvent, WorkerState } from '../company/worker-state.js';
import type { SimDay, SimTime } from '../time.js';
import { TRANSACTION_TYPES } from './get-workers-query.js';
import type { Query, Selected } from './get-workers-query.js';
import type { WorkdayView } from './render.js';
import { el, escapeXml, leaf } from './xml.js';

const TIME_ZONE = 'America/Los_Angeles';

export function render(view: WorkdayView, query: Query, all: readonly Selected[]): string {
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
