/**
 * The documentation site: a hash-routed single page reading the project from `data.js`.
 * Routes: `#/` overview, `#/node/<id>`, `#/column/<id>/<column>`, `#/graph?…`.
 */
import { SITE_DATA_GLOBAL } from '../site-data.js';
import type { SiteData, SiteNode } from '../site-data.js';
import { h, href } from './dom.js';
import { graphPage } from './graph-page.js';
import { columnPage, nodePage, notFound, overviewPage } from './pages.js';
import { indexProject } from './project.js';
import type { Project } from './project.js';
import { selectorEngine } from './selection.js';

const data = (window as unknown as Record<string, SiteData | undefined>)[SITE_DATA_GLOBAL];
const app = document.getElementById('app');

if (!data || !app) {
  document.body.textContent = 'data.js is missing or empty: run `hrflow docs generate` again.';
} else {
  start(data, app);
}

function start(siteData: SiteData, root: HTMLElement): void {
  const project = indexProject(siteData);
  const selector = selectorEngine(siteData);
  const main = h('main', { id: 'content' });
  const results = h('ul', { class: 'search-results', id: 'search-results' });
  const search = h('input', {
    type: 'search',
    id: 'search',
    placeholder: 'Search models, columns, tags…',
    autocomplete: 'off',
    'aria-label': 'search',
    oninput: () => showResults(project, search.value, results),
    onkeydown: (ev: Event) => {
      if ((ev as KeyboardEvent).key !== 'Enter') return;
      const first = results.querySelector('a');
      if (first) location.hash = first.getAttribute('href') ?? '#/';
    },
  });
  const header = h(
    'header',
    {},
    h(
      'a',
      { class: 'brand', href: href() },
      siteData.project.name || 'hrflow',
      h('span', { class: 'muted' }, ' docs'),
    ),
    h(
      'nav',
      {},
      h('a', { href: href() }, 'Overview'),
      h('a', { href: href('graph') }, 'Lineage graph'),
    ),
    h('div', { class: 'search-box' }, search, results),
  );
  root.replaceChildren(header, h('div', { class: 'body' }, sidebar(project), main));

  const route = () => {
    results.replaceChildren();
    const [path = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
    const parts = path.split('/').map((p) => safeDecode(p));
    let page: HTMLElement;
    if (parts[0] === 'node' && parts[1]) {
      const node = project.byId.get(parts[1]);
      page = node ? nodePage(project, node) : notFound(parts[1]);
    } else if (parts[0] === 'column' && parts[1] && parts[2]) {
      page = columnPage(project, parts[1], parts.slice(2).join('/'));
    } else if (parts[0] === 'graph') {
      page = graphPage(project, selector, new URLSearchParams(query));
    } else {
      page = overviewPage(project);
    }
    main.replaceChildren(page);
    main.scrollTop = 0;
    document.title = `${page.querySelector('h1')?.textContent ?? 'Lineage graph'} · ${siteData.project.name} docs`;
  };
  window.addEventListener('hashchange', route);
  route();
}

function sidebar(project: Project): HTMLElement {
  const groups: [string, SiteNode[]][] = [
    ['Sources', project.data.nodes.filter((n) => n.kind === 'source')],
    ['Models', project.data.nodes.filter((n) => n.kind === 'model')],
    ['Seeds', project.data.nodes.filter((n) => n.kind === 'seed')],
    ['Snapshots', project.data.nodes.filter((n) => n.kind === 'snapshot')],
    ['Exposures', project.data.nodes.filter((n) => n.kind === 'exposure')],
  ];
  return h(
    'aside',
    { class: 'sidebar' },
    groups
      .filter(([, list]) => list.length > 0)
      .map(([title, list]) => {
        const byFolder = new Map<string, SiteNode[]>();
        for (const n of list) byFolder.set(n.folder, [...(byFolder.get(n.folder) ?? []), n]);
        return h(
          'details',
          { open: list.length <= 60 },
          h('summary', {}, `${title} (${list.length})`),
          [...byFolder].map(([folder, members]) =>
            h(
              'details',
              { class: 'folder', open: members.length <= 25 },
              h('summary', {}, folder || '/'),
              h(
                'ul',
                {},
                members.map((n) =>
                  h(
                    'li',
                    {},
                    h('a', { href: href('node', n.id), class: `kind-${n.kind}` }, n.name),
                  ),
                ),
              ),
            ),
          ),
        );
      }),
  );
}

function showResults(project: Project, text: string, list: HTMLElement): void {
  const term = text.trim().toLowerCase();
  if (term.length < 2) {
    list.replaceChildren();
    return;
  }
  const hits: { score: number; el: HTMLElement }[] = [];
  for (const n of project.data.nodes) {
    const name = n.label.toLowerCase();
    let score = name === term || n.name.toLowerCase() === term ? 0 : name.includes(term) ? 1 : -1;
    if (score < 0 && n.tags.some((t) => t.toLowerCase() === term)) score = 2;
    if (score < 0 && n.description.toLowerCase().includes(term)) score = 3;
    if (score >= 0) {
      hits.push({
        score,
        el: h(
          'li',
          {},
          h('a', { href: href('node', n.id) }, n.label),
          h('span', { class: 'muted' }, ` ${n.kind}`),
        ),
      });
    }
    for (const c of n.columns) {
      if (c.name.toLowerCase().includes(term) && n.kind !== 'test') {
        hits.push({
          score: c.name.toLowerCase() === term ? 1.5 : 4,
          el: h(
            'li',
            {},
            h('a', { href: href('column', n.id, c.name) }, `${n.label}.${c.name}`),
            h('span', { class: 'muted' }, ' column'),
          ),
        });
      }
    }
  }
  hits.sort((a, b) => a.score - b.score);
  list.replaceChildren(...hits.slice(0, 30).map((x) => x.el));
  if (hits.length === 0) list.replaceChildren(h('li', { class: 'muted' }, 'No match.'));
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
