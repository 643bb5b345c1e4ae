/**
 * The hrflow dashboards: sign-in, one page per subject (hiring, attrition, diversity, data
 * quality, pipeline health) drawn from the server's page definitions, a filter bar, and live
 * refresh when the server says data changed. Every number comes from the governed API.
 */
import { ApiError, getJson, postJson } from './api.js';
import type { DatasetInfo, Me, Page } from './api.js';
import { el } from './dom.js';
import { renderPanel } from './panels.js';

const ORG_FILTERS = [
  ['business_unit', 'Business unit'],
  ['department', 'Department'],
  ['office', 'Office'],
  ['job_family', 'Job family'],
] as const;

interface State {
  me: Me;
  pages: readonly Page[];
  datasets: Map<string, DatasetInfo>;
  page: Page;
  filters: URLSearchParams;
  options: Map<string, string[]>;
}

const root = document.getElementById('app') as HTMLElement;
let state: State | undefined;
let events: EventSource | undefined;

void boot();

async function boot(): Promise<void> {
  let me: Me;
  try {
    me = await getJson<Me>('/api/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showLogin();
      return;
    }
    root.replaceChildren(el('p', { class: 'error' }, (error as Error).message));
    return;
  }
  const [{ pages }, { datasets }] = await Promise.all([
    getJson<{ pages: Page[] }>('/api/pages'),
    getJson<{ datasets: DatasetInfo[] }>('/api/datasets'),
  ]);
  const id = location.pathname.startsWith('/pages/')
    ? location.pathname.slice('/pages/'.length)
    : 'hiring';
  const page = pages.find((p) => p.id === id) ?? pages[0];
  if (!page) return;
  state = {
    me,
    pages,
    datasets: new Map(datasets.map((d) => [d.name, d])),
    page,
    filters: new URLSearchParams(location.search),
    options: await filterOptions(),
  };
  render();
  listen();
  window.addEventListener('popstate', () => {
    if (!state) return;
    const next = state.pages.find((p) => location.pathname === `/pages/${p.id}`);
    if (next) {
      state.page = next;
      state.filters = new URLSearchParams(location.search);
      render();
    }
  });
}

function showLogin(message?: string): void {
  const user = el('input', { name: 'username', autocomplete: 'username', required: true });
  const password = el('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = el('p', { class: 'error', role: 'alert' }, message ?? '');
  const form = el(
    'form',
    { class: 'login', 'aria-labelledby': 'login-title' },
    el('h1', { id: 'login-title' }, 'Sign in to hrflow'),
    el('label', {}, 'User name', user),
    el('label', {}, 'Password', password),
    el('button', { class: 'primary', type: 'submit' }, 'Sign in'),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      const response = await postJson('/auth/login', {
        username: user.value,
        password: password.value,
      });
      if (response.ok) {
        await boot();
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      error.textContent = body.error?.message ?? `HTTP ${response.status}`;
    })();
  });
  root.replaceChildren(el('main', { id: 'main' }, form));
  user.focus();
}

function render(): void {
  if (!state) return;
  const s = state;
  const nav = el(
    'nav',
    { 'aria-label': 'Dashboards' },
    ...s.pages.map((p) => {
      const a = el(
        'a',
        { href: `/pages/${p.id}`, 'aria-current': p.id === s.page.id ? 'page' : undefined },
        p.title,
      );
      a.addEventListener('click', (e) => {
        e.preventDefault();
        s.page = p;
        history.pushState({}, '', `/pages/${p.id}?${s.filters.toString()}`);
        render();
      });
      return a;
    }),
  );
  const signOut = el('button', { type: 'button' }, 'Sign out');
  signOut.addEventListener('click', () => {
    void postJson('/auth/logout', {}, s.me.csrfToken).then(() => {
      events?.close();
      showLogin();
    });
  });
  const header = el(
    'header',
    {},
    el('h1', {}, 'hrflow'),
    nav,
    el('span', { class: 'updated', id: 'updated', 'aria-live': 'polite' }, ''),
    el('span', { class: 'who' }, `${s.me.name}${s.me.admin ? ' (admin)' : ''}`),
    signOut,
  );
  const grid = el('div', { class: 'grid' });
  const main = el(
    'main',
    { id: 'main' },
    el('h2', { class: 'skip' }, s.page.title),
    s.page.orgFilters ? filterBar(s) : '',
    grid,
  );
  root.replaceChildren(header, main);
  document.title = `${s.page.title} · hrflow`;
  for (const panel of s.page.panels) {
    const section = el('section', {
      class: `panel${panel.chart === 'rows' || panel.chart === 'kpi' ? ' wide' : ''}`,
      id: panel.id,
      'aria-labelledby': `h-${panel.id}`,
    });
    grid.append(section);
  }
  void refresh('loaded');
}

/** Re-reads every panel of the page and stamps the time. */
async function refresh(reason: 'loaded' | 'updated', at?: string): Promise<void> {
  if (!state) return;
  const s = state;
  await Promise.all(
    s.page.panels.map((panel) => {
      const section = document.getElementById(panel.id);
      if (!section) return Promise.resolve();
      return renderPanel(
        panel,
        { info: s.datasets.get(panel.dataset), filters: s.filters },
        section,
      );
    }),
  );
  const stamp = document.getElementById('updated');
  if (stamp) {
    const time = new Date(at ?? Date.now()).toLocaleTimeString('en-GB');
    stamp.textContent = reason === 'updated' ? `Updated at ${time} (live)` : `Updated at ${time}`;
    stamp.dataset.at = at ?? new Date().toISOString();
  }
}

function filterBar(s: State): HTMLElement {
  const from = el('input', {
    type: 'date',
    name: 'from',
    value: s.filters.get('from') ?? undefined,
  });
  const to = el('input', { type: 'date', name: 'to', value: s.filters.get('to') ?? undefined });
  const selects = ORG_FILTERS.map(([name, label]) => {
    const select = el(
      'select',
      { name },
      el('option', { value: '' }, 'All'),
      ...(s.options.get(name) ?? []).map((v) =>
        el('option', { value: v, selected: s.filters.get(`f.${name}`) === v }, v),
      ),
    );
    return { name, label, select };
  });
  const apply = (): void => {
    const next = new URLSearchParams();
    if (from.value) next.set('from', from.value);
    if (to.value) next.set('to', to.value);
    for (const { name, select } of selects) if (select.value) next.set(`f.${name}`, select.value);
    s.filters = next;
    history.replaceState({}, '', `/pages/${s.page.id}?${next.toString()}`);
    void refresh('loaded');
  };
  for (const input of [from, to, ...selects.map((x) => x.select)]) {
    input.addEventListener('change', apply);
  }
  return el(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filters' },
    el('label', {}, 'From', from),
    el('label', {}, 'To', to),
    ...selects.map(({ label, select }) => el('label', {}, label, select)),
  );
}

/** Values for the filter bar, through the governed API (an HRBP sees only their units). */
async function filterOptions(): Promise<Map<string, string[]>> {
  const options = new Map<string, string[]>();
  await Promise.all(
    ORG_FILTERS.map(async ([name]) => {
      try {
        const result = await getJson<{ rows: { key: (string | null)[] }[] }>(
          `/api/datasets/workforce?dims=${name}&measures=headcount`,
        );
        options.set(
          name,
          result.rows.map((r) => r.key[0]).filter((k): k is string => k !== null),
        );
      } catch {
        options.set(name, []);
      }
    }),
  );
  return options;
}

function listen(): void {
  events?.close();
  events = new EventSource('/api/events');
  events.addEventListener('data-updated', (e) => {
    const data = JSON.parse((e as MessageEvent<string>).data) as { at?: string };
    void refresh('updated', data.at);
  });
}
