/**
 * Reports-as-a-Service: the custom reports an analytics team would publish as web services, at
 * `/ccx/service/customreport2/{tenant}/{owner}/{report}`. Prompts are query parameters; JSON
 * output is `{"Report_Entry": [...]}` with string values and `"0"`/`"1"` booleans, and empty
 * columns left out. There is no paging: the whole report comes back at once.
 */
import type { Worker } from '../company/model.js';
import { workerStateAt } from '../company/worker-state.js';
import type { SimDay } from '../time.js';
import type { WorkdayView } from './render.js';
import { compact } from './render.js';

type Entry = Record<string, unknown>;

export const REPORTS = ['HR_Headcount', 'HR_Terminations', 'HR_Hires'] as const;
export type ReportName = (typeof REPORTS)[number];

export interface ReportPrompts {
  readonly asOf?: SimDay;
  readonly from?: SimDay;
  readonly to?: SimDay;
}

/** The entries of a report, or a message naming the missing prompt. */
export function runReport(view: WorkdayView, report: ReportName, prompts: ReportPrompts): Entry[] {
  const company = view.company;
  const today = company.time.dayOf(company.now);
  switch (report) {
    case 'HR_Headcount': {
      const asOf = prompts.asOf ?? today;
      const entries: Entry[] = [];
      for (const worker of company.workers) {
        const state = workerStateAt(worker, asOf, view.visibleNow);
        if (state.status !== 'active' || !state.primary) continue;
        entries.push(headcountEntry(view, worker, state.primary, state, true));
        for (const extra of state.additional) {
          entries.push(headcountEntry(view, worker, extra, state, false));
        }
      }
      return entries;
    }
    case 'HR_Terminations': {
      const from = prompts.from ?? today - 365;
      const to = prompts.to ?? today;
      const entries: Entry[] = [];
      for (const worker of company.workers) {
        const state = workerStateAt(worker, to, view.visibleNow);
        if (state.status !== 'terminated' || state.terminationDay === null) continue;
        if (state.terminationDay < from || state.terminationDay > to) continue;
        const termination = state.termination;
        const contingent = worker.kind === 'contingent';
        const category = termination?.category === 'involuntary' ? 'Involuntary' : 'Voluntary';
        entries.push(
          compact({
            Employee_ID: worker.workerId,
            Worker_WID: worker.wid,
            Worker_Type: contingent ? 'Contingent Worker' : 'Employee',
            Legal_First_Name: worker.legalFirstName,
            Legal_Last_Name: state.legalLastName,
            Hire_Date: state.hireDay === null ? undefined : company.time.date(state.hireDay),
            Termination_Date: company.time.date(state.terminationDay),
            Last_Day_of_Work: company.time.date(state.terminationDay),
            Primary_Termination_Category: `${contingent ? 'End Contingent Worker Contract' : 'Terminate Employee'} > ${category}`,
            Primary_Termination_Reason: termination?.reason,
            Regrettable: termination?.regrettable ? '1' : '0',
            Eligible_for_Rehire: termination?.eligibleForRehire ? '1' : '0',
            Supervisory_Organization: state.primary
              ? view.orgDescriptor(state.primary.department)
              : undefined,
            Job_Profile: state.primary?.profile.name,
            Location: state.primary?.office.name,
          }),
        );
      }
      return entries;
    }
    case 'HR_Hires': {
      const from = prompts.from ?? today - 365;
      const to = prompts.to ?? today;
      const entries: Entry[] = [];
      for (const worker of company.workers) {
        for (const event of worker.events) {
          if (event.type !== 'hire' && event.type !== 'contract') continue;
          if (event.entered > view.visibleNow || event.effective < from || event.effective > to) {
            continue;
          }
          const rescinded = worker.events.some(
            (e) => e.type === 'rescind' && e.target === event.seq && e.entered <= view.visibleNow,
          );
          entries.push(
            compact({
              Employee_ID: worker.workerId,
              Worker_WID: worker.wid,
              Worker_Type: worker.kind === 'contingent' ? 'Contingent Worker' : 'Employee',
              Legal_First_Name: worker.legalFirstName,
              Legal_Last_Name: worker.legalLastName,
              Preferred_Name: worker.preferredFirstName ?? undefined,
              Personal_Email: worker.personalEmail ?? undefined,
              Work_Email: worker.workEmail ?? undefined,
              Hire_Date: company.time.date(event.effective),
              Hire_Reason: event.type === 'hire' ? event.reason : 'Contract',
              Hire_Rescinded: rescinded ? '1' : '0',
              Business_Title: event.position.title,
              Job_Profile: event.position.profile.name,
              Supervisory_Organization: view.orgDescriptor(event.position.department),
              Location: event.position.office.name,
              Entry_Moment: company.time.iso(event.entered),
            }),
          );
        }
      }
      return entries;
    }
    default: {
      const unhandled: never = report;
      throw new Error(`unknown report ${String(unhandled)}`);
    }
  }
}

function headcountEntry(
  view: WorkdayView,
  worker: Worker,
  position: NonNullable<ReturnType<typeof workerStateAt>['primary']>,
  state: ReturnType<typeof workerStateAt>,
  primary: boolean,
): Entry {
  const company = view.company;
  const manager = view.manager(worker);
  const eeo = view.eeo(worker);
  return compact({
    Employee_ID: worker.workerId,
    Worker_WID: worker.wid,
    Worker_Type: worker.kind === 'contingent' ? 'Contingent Worker' : 'Employee',
    Employee_Type: position.jobType,
    Time_Type: position.timeType,
    FTE: String(position.fte),
    Primary_Position: primary ? '1' : '0',
    Position_ID: position.positionId,
    Legal_First_Name: worker.legalFirstName,
    Legal_Last_Name: state.legalLastName,
    Preferred_Name: worker.preferredFirstName ?? undefined,
    Work_Email: worker.workEmail ?? undefined,
    Personal_Email: worker.personalEmail ?? undefined,
    Business_Title: position.title,
    Job_Profile: position.profile.name,
    Job_Family: position.profile.family.spec.name,
    Management_Level: position.profile.managementLevel,
    Supervisory_Organization: view.orgDescriptor(position.department),
    Manager_Employee_ID: manager?.workerId,
    Cost_Center: `CC-${position.department.businessUnit.code} ${position.department.area.name}`,
    Business_Unit: position.department.businessUnit.name,
    Company: company.name,
    Location: position.office.name,
    Work_Country: position.office.country.iso3,
    Hire_Date: state.hireDay === null ? undefined : company.time.date(state.hireDay),
    Original_Hire_Date:
      state.originalHireDay === null ? undefined : company.time.date(state.originalHireDay),
    Active_Status: '1',
    Is_Manager: view.isManager(worker) ? '1' : '0',
    Date_of_Birth: company.time.date(worker.person.birthDay),
    Gender: eeo.gender,
    Ethnicity: eeo.ethnicity ? [{ Ethnicity: eeo.ethnicity }] : undefined,
    Hispanic_or_Latino:
      eeo.hispanicOrLatino === null ? undefined : eeo.hispanicOrLatino ? '1' : '0',
    Veteran_Status: eeo.veteranStatus ?? undefined,
    Disability_Status: eeo.disabilityStatus ?? undefined,
    Base_Pay: state.compensation ? String(state.compensation.amount) : undefined,
    Currency: state.compensation?.currency,
    Pay_Frequency: state.compensation?.frequency,
  });
}
