/**
 * Sortable, accessible tables: column headers are buttons (keyboard and screen readers reach
 * them), `aria-sort` says the current order, and hidden cells read as "hidden".
 */
import { el, formatValue } from './dom.js';

export interface Column {
  readonly name: string;
  readonly label: string;
  readonly numeric: boolean;
}

export interface TableRow {
  readonly cells: Readonly<Record<string, unknown>>;
  readonly suppressed?: boolean;
  readonly flagged?: boolean;
  /** Called on click or Enter: drill-down. */
  readonly open?: () => void;
}

export function sortableTable(
  caption: string,
  columns: readonly Column[],
  rows: readonly TableRow[],
): HTMLElement {
  let sortBy: string | undefined;
  let ascending = true;
  const table = el('table', {}, el('caption', { class: 'skip' }, caption));
  const head = el('thead');
  const body = el('tbody');
  table.append(head, body);

  const draw = (): void => {
    head.replaceChildren(
      el(
        'tr',
        {},
        ...columns.map((c) => {
          const sort = c.name === sortBy ? (ascending ? 'ascending' : 'descending') : 'none';
          const button = el('button', { type: 'button' }, c.label);
          button.addEventListener('click', () => {
            ascending = sortBy === c.name ? !ascending : true;
            sortBy = c.name;
            draw();
          });
          return el(
            'th',
            { scope: 'col', 'aria-sort': sort, class: c.numeric ? 'num' : undefined },
            button,
          );
        }),
      ),
    );
    const ordered = [...rows];
    if (sortBy) {
      const key = sortBy;
      ordered.sort((a, b) => compare(a.cells[key], b.cells[key]) * (ascending ? 1 : -1));
    }
    body.replaceChildren(
      ...ordered.map((row) => {
        const tr = el('tr', {
          class: row.flagged ? 'flagged' : undefined,
          tabindex: row.open ? '0' : undefined,
        });
        for (const c of columns) {
          const value = row.cells[c.name];
          const hidden = row.suppressed && c.numeric;
          tr.append(
            el(
              'td',
              {
                class:
                  [c.numeric ? 'num' : '', hidden ? 'suppressed' : ''].join(' ').trim() ||
                  undefined,
                title: hidden ? 'hidden: group below the minimum size' : undefined,
              },
              hidden ? 'hidden' : formatValue(value),
            ),
          );
        }
        if (row.open) {
          const open = row.open;
          tr.addEventListener('click', open);
          tr.addEventListener('keydown', (e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              open();
            }
          });
        }
        return tr;
      }),
    );
  };
  draw();
  return el('div', { class: 'scroll' }, table);
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return formatValue(a).localeCompare(formatValue(b));
}
