/**
 * Draws one panel from its governed dataset answer: KPI cards, a chart with its table, a
 * sortable table, or rows with drill-down. Each panel shows the metric definition, what the
 * policies did (row filters, hidden groups) and a CSV link for exactly what the user may see.
 */
import { getJson } from './api.js';
import type { AggregateResult, DatasetInfo, DatasetResult, Panel, RowsResult } from './api.js';
import { chart } from './charts.js';
import { el, formatValue } from './dom.js';
import { sortableTable } from './table.js';

export interface PanelContext {
  readonly info: DatasetInfo | undefined;
  /** Filter-bar values: `f.<name>` lists and `from`/`to`. */
  readonly filters: URLSearchParams;
}

/** The query string for a panel: its dims and measures, the fixed values, and the filters it takes. */
export function panelQuery(panel: Panel, context: PanelContext): URLSearchParams {
  const q = new URLSearchParams();
  if (panel.dims.length > 0) q.set('dims', panel.dims.join(','));
  if (panel.measures.length > 0) q.set('measures', panel.measures.join(','));
  for (const [name, values] of Object.entries(panel.fixed ?? {})) {
    for (const v of values) q.append(`f.${name}`, v);
  }
  const accepted = new Set(context.info?.filters.map((f) => f.name) ?? []);
  const hasPeriod = context.info?.filters.some((f) => f.kind === 'period') ?? false;
  for (const [key, value] of context.filters) {
    if ((key === 'from' || key === 'to') && hasPeriod) q.append(key, value);
    if (key.startsWith('f.') && accepted.has(key.slice(2)) && !panel.fixed?.[key.slice(2)]) {
      q.append(key, value);
    }
  }
  return q;
}

export async function renderPanel(
  panel: Panel,
  context: PanelContext,
  into: HTMLElement,
): Promise<void> {
  try {
    await draw(panel, context, into);
  } finally {
    into.dataset.loaded = String(Date.now());
  }
}

async function draw(panel: Panel, context: PanelContext, into: HTMLElement): Promise<void> {
  const query = panelQuery(panel, context);
  const heading = el('h2', { id: `h-${panel.id}` }, panel.title);
  const definition = el('p', { class: 'definition' }, context.info?.definition ?? '');
  if (context.info && !context.info.readable) {
    into.replaceChildren(
      heading,
      definition,
      el('p', { class: 'error' }, 'Not available to you under the current policies.'),
    );
    return;
  }
  let result: DatasetResult;
  try {
    result = await getJson<DatasetResult>(`/api/datasets/${panel.dataset}?${query.toString()}`);
  } catch (error) {
    into.replaceChildren(
      heading,
      definition,
      el('p', { class: 'error' }, (error as Error).message),
    );
    return;
  }
  const csv = el(
    'a',
    {
      href: `/api/datasets/${panel.dataset}/csv?${query.toString()}`,
      download: `${panel.dataset}.csv`,
    },
    'Download CSV',
  );
  const body = result.kind === 'rows' ? rowsBody(panel, result) : aggregateBody(panel, result);
  into.replaceChildren(
    heading,
    definition,
    body,
    governanceNote(result),
    el('div', { class: 'actions' }, csv),
  );
}

function aggregateBody(panel: Panel, result: AggregateResult): HTMLElement {
  if (panel.chart === 'kpi') {
    const row = result.rows[0];
    return el(
      'div',
      { class: 'kpis' },
      ...result.measures.map((m) =>
        el(
          'div',
          { class: 'kpi', 'data-measure': m.name },
          el(
            'div',
            { class: 'value' },
            row?.suppressed ? 'hidden' : formatValue(row?.values[m.name] ?? null),
          ),
          el('div', { class: 'label' }, m.label),
        ),
      ),
    );
  }

  const columns = [
    ...result.dimensions.map((d, i) => ({ name: `d${i}`, label: d.label, numeric: false })),
    ...result.measures.map((m) => ({ name: m.name, label: m.label, numeric: true })),
  ];
  const funnel = panel.chart === 'funnel';
  if (funnel) {
    columns.push({ name: 'conversion', label: 'Conversion to next stage %', numeric: true });
  }
  if (result.measures.some((m) => m.name === 'impact_ratio')) {
    columns.push({ name: 'flag', label: 'Four-fifths flag', numeric: false });
  }
  const first = result.measures[0]?.name ?? '';
  const rows = result.rows.map((r, i) => {
    const cells: Record<string, unknown> = { ...r.values };
    r.key.forEach((k, d) => (cells[`d${d}`] = k ?? '(none)'));
    if (funnel) {
      const next = result.rows[i + 1];
      const here = r.values[first];
      const there = next?.values[first];
      cells.conversion =
        typeof here === 'number' && typeof there === 'number' && here > 0 && !next?.suppressed
          ? Math.round((there / here) * 1000) / 10
          : null;
    }
    if ('impact_ratio' in r.values) {
      cells.flag = r.flagged ? 'below 0.80' : r.suppressed ? '' : 'ok';
    }
    return { cells, suppressed: r.suppressed, ...(r.flagged ? { flagged: true } : {}) };
  });
  const table = sortableTable(panel.title, columns, rows);
  if (panel.chart === 'table') return table;

  const parts: HTMLElement[] = [];
  if (panel.chart === 'stacked' && result.dimensions.length === 2) {
    const outer = [...new Set(result.rows.map((r) => r.key[0] ?? '(none)'))];
    const inner = [...new Set(result.rows.map((r) => r.key[1] ?? '(none)'))];
    parts.push(
      chart(
        'stacked',
        panel.title,
        outer,
        inner.map((g) => ({
          label: g,
          values: outer.map((o) => {
            const cell = result.rows.find(
              (r) => (r.key[0] ?? '(none)') === o && (r.key[1] ?? '(none)') === g,
            );
            const v = cell?.values[first];
            return typeof v === 'number' ? v : null;
          }),
        })),
      ),
    );
  } else {
    const shown = panel.chart === 'bar' ? result.measures.slice(0, 2) : result.measures.slice(0, 1);
    parts.push(
      chart(
        panel.chart === 'line' ? 'line' : funnel ? 'funnel' : 'bar',
        panel.title,
        result.rows.map((r) => r.key.map((k) => k ?? '(none)').join(' / ')),
        shown.map((m) => ({
          label: m.label,
          values: result.rows.map((r) => {
            const v = r.values[m.name];
            return typeof v === 'number' ? v : null;
          }),
        })),
      ),
    );
  }
  const details = el('details', {}, el('summary', {}, 'Data table'), table);
  return el('div', {}, ...parts, details);
}

function rowsBody(panel: Panel, result: RowsResult): HTMLElement {
  const columns = result.columns.map((c) => ({
    name: c.name,
    label: c.masked ? `${c.label} (masked)` : c.label,
    numeric: false,
  }));
  const detail = el('div', { class: 'detail-host', 'aria-live': 'polite' });
  const key = result.columns[0]?.name ?? '';
  const rows = result.rows.map((r) => ({
    cells: r,
    ...(panel.drillDown
      ? {
          open: () => {
            void openDetail(panel.dataset, String(r[key]), detail);
          },
        }
      : {}),
  }));
  const note = result.hasMore
    ? el('p', { class: 'governance' }, 'Showing the first rows; download the CSV for more.')
    : null;
  return el('div', {}, sortableTable(panel.title, columns, rows), note ?? '', detail);
}

async function openDetail(dataset: string, id: string, into: HTMLElement): Promise<void> {
  try {
    const one = await getJson<RowsResult>(`/api/datasets/${dataset}?id=${encodeURIComponent(id)}`);
    const row = one.rows[0] ?? {};
    into.replaceChildren(
      el(
        'dl',
        { class: 'detail', 'data-detail': id },
        ...one.columns.flatMap((c) => [
          el('dt', {}, c.label),
          el('dd', {}, c.masked ? 'masked' : formatValue(row[c.name])),
        ]),
      ),
    );
  } catch (error) {
    into.replaceChildren(el('p', { class: 'error' }, (error as Error).message));
  }
}

function governanceNote(result: DatasetResult): HTMLElement {
  const parts: string[] = [];
  if (result.governance.rowFilters.length > 0) {
    parts.push(`rows limited by ${result.governance.rowFilters.join(', ')}`);
  }
  if (result.governance.minGroupSize > 1) {
    parts.push(
      `groups under ${result.governance.minGroupSize} people hidden (${result.governance.suppressedCells} here)`,
    );
  }
  if (result.governance.masked.length > 0) {
    parts.push(`masked: ${result.governance.masked.join(', ')}`);
  }
  return el(
    'p',
    { class: 'governance' },
    parts.length > 0 ? `Policies: ${parts.join('; ')}.` : 'Policies: full access.',
  );
}
