/**
 * The dashboards as data: each page is a list of panels, each panel one dataset request and a
 * way to draw it. The web app renders whatever this says, through the same governed API.
 */

export type ChartKind = 'kpi' | 'bar' | 'stacked' | 'line' | 'funnel' | 'table' | 'rows';

export interface Panel {
  readonly id: string;
  readonly title: string;
  readonly dataset: string;
  readonly dims: readonly string[];
  readonly measures: readonly string[];
  readonly chart: ChartKind;
  /** Fixed filter values (`f.status=open`), on top of the filter bar's. */
  readonly fixed?: Readonly<Record<string, readonly string[]>>;
  /** Rows panels: open one row's detail on click. */
  readonly drillDown?: boolean;
}

export interface Page {
  readonly id: string;
  readonly title: string;
  /** Whether the period and organisation filter bar applies. */
  readonly orgFilters: boolean;
  readonly panels: readonly Panel[];
}

export const PAGES: readonly Page[] = [
  {
    id: 'hiring',
    title: 'Hiring',
    orgFilters: true,
    panels: [
      {
        id: 'hiring-kpis',
        title: 'Hiring at a glance',
        dataset: 'applications',
        dims: [],
        measures: ['applications', 'hires', 'time_to_hire_days', 'offer_acceptance_pct'],
        chart: 'kpi',
      },
      {
        id: 'funnel',
        title: 'Funnel by stage, with conversion and velocity',
        dataset: 'funnel',
        dims: ['stage'],
        measures: ['applications', 'days_in_stage'],
        chart: 'funnel',
      },
      {
        id: 'time-to-fill',
        title: 'Time to fill by month opened',
        dataset: 'requisitions',
        dims: ['month'],
        measures: ['time_to_fill_days', 'filled'],
        chart: 'line',
      },
      {
        id: 'source-yield',
        title: 'Source yield',
        dataset: 'applications',
        dims: ['source'],
        measures: ['applications', 'hires', 'source_yield_pct'],
        chart: 'bar',
      },
      {
        id: 'open-reqs-by-dept',
        title: 'Open requisitions by department',
        dataset: 'requisitions',
        dims: ['department'],
        measures: ['open', 'requisitions'],
        chart: 'bar',
      },
      {
        id: 'open-reqs',
        title: 'Open requisitions',
        dataset: 'open_requisitions',
        dims: [],
        measures: [],
        chart: 'rows',
        fixed: { status: ['open'] },
      },
    ],
  },
  {
    id: 'attrition',
    title: 'Attrition',
    orgFilters: true,
    panels: [
      {
        id: 'attrition-kpis',
        title: 'Attrition at a glance',
        dataset: 'workforce',
        dims: [],
        measures: ['average_headcount', 'hires', 'separations', 'turnover_pct'],
        chart: 'kpi',
      },
      {
        id: 'headcount-trend',
        title: 'Headcount trend',
        dataset: 'workforce',
        dims: ['month'],
        measures: ['headcount'],
        chart: 'line',
      },
      {
        id: 'hires-vs-separations',
        title: 'Hires vs separations',
        dataset: 'workforce',
        dims: ['month'],
        measures: ['hires', 'separations'],
        chart: 'bar',
      },
      {
        id: 'turnover-by-dept',
        title: 'Turnover by department',
        dataset: 'workforce',
        dims: ['department'],
        measures: ['turnover_pct', 'separations', 'average_headcount'],
        chart: 'bar',
      },
      {
        id: 'separations-by-reason',
        title: 'Separations by reason',
        dataset: 'separations',
        dims: ['reason'],
        measures: ['separations', 'voluntary'],
        chart: 'bar',
      },
      {
        id: 'separations-by-tenure',
        title: 'Separations by tenure band',
        dataset: 'separations',
        dims: ['tenure_band'],
        measures: ['separations'],
        chart: 'bar',
      },
      {
        id: 'first-year',
        title: 'First-year turnover by hire cohort',
        dataset: 'hire_cohorts',
        dims: ['cohort'],
        measures: ['hires', 'first_year_leavers', 'first_year_turnover_pct'],
        chart: 'bar',
      },
    ],
  },
  {
    id: 'diversity',
    title: 'Diversity',
    orgFilters: true,
    panels: [
      {
        id: 'representation-level',
        title: 'Representation by level',
        dataset: 'representation',
        dims: ['level', 'gender'],
        measures: ['workers'],
        chart: 'stacked',
      },
      {
        id: 'representation-org',
        title: 'Representation by department',
        dataset: 'representation',
        dims: ['department', 'gender'],
        measures: ['workers'],
        chart: 'stacked',
      },
      {
        id: 'impact-gender',
        title: 'Selection-rate impact ratios by gender',
        dataset: 'selection_rates',
        dims: ['gender'],
        measures: ['applicants', 'hires', 'selection_rate_pct'],
        chart: 'table',
      },
      {
        id: 'impact-race',
        title: 'Selection-rate impact ratios by race/ethnicity',
        dataset: 'selection_rates',
        dims: ['race'],
        measures: ['applicants', 'hires', 'selection_rate_pct'],
        chart: 'table',
      },
    ],
  },
  {
    id: 'quality',
    title: 'Data quality',
    orgFilters: true,
    panels: [
      {
        id: 'findings-by-detector',
        title: 'Findings by detector and severity',
        dataset: 'dq_summary',
        dims: ['detector', 'severity'],
        measures: ['findings'],
        chart: 'stacked',
      },
      {
        id: 'findings',
        title: 'Findings (select one for its evidence)',
        dataset: 'dq_findings',
        dims: [],
        measures: [],
        chart: 'rows',
        drillDown: true,
      },
    ],
  },
  {
    id: 'pipeline',
    title: 'Pipeline health',
    orgFilters: false,
    panels: [
      {
        id: 'jobs',
        title: 'Syncs and builds run by the server',
        dataset: 'jobs',
        dims: [],
        measures: [],
        chart: 'rows',
      },
      {
        id: 'api-calls',
        title: 'API calls by endpoint',
        dataset: 'api_calls',
        dims: ['source', 'endpoint'],
        measures: ['calls', 'median_latency_ms', 'retries', 'throttled', 'headroom'],
        chart: 'table',
      },
      {
        id: 'model-timings',
        title: 'Model timings (mean seconds)',
        dataset: 'node_results',
        dims: ['node'],
        measures: ['mean_seconds', 'results'],
        chart: 'bar',
        fixed: { resource_type: ['model', 'seed', 'snapshot'] },
      },
      {
        id: 'tests',
        title: 'Test results',
        dataset: 'node_results',
        dims: ['status'],
        measures: ['results'],
        chart: 'bar',
        fixed: { resource_type: ['test'] },
      },
      { id: 'runs', title: 'Runs', dataset: 'runs', dims: [], measures: [], chart: 'rows' },
      {
        id: 'freshness',
        title: 'Source freshness',
        dataset: 'freshness',
        dims: ['source', 'stream'],
        measures: ['last_update'],
        chart: 'table',
      },
    ],
  },
];
