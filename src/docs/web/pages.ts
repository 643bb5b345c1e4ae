/** The overview, resource pages and column lineage page. */
import { formatTree, TRANSFORM_WORDS } from '../lineage/lineage-tree.js';
import { upstreamTree } from '../lineage/lineage-tree.js';
import type { LineageTreeNode } from '../lineage/lineage-tree.js';
import { LAYERS } from '../site-data.js';
import type { SiteColumn, SiteNode } from '../site-data.js';
import { h, href, trustedHtml } from './dom.js';
import { graphView } from './graph-view.js';
import { renderMarkdown } from './markdown.js';
import { columnKey, testStatus } from './project.js';
import type { Project } from './project.js';

const KIND_TITLES = {
  source: 'Source',
  seed: 'Seed',
  model: 'Model',
  snapshot: 'Snapshot',
  test: 'Test',
  exposure: 'Exposure',
} as const;

/** Layers, test results and the metric catalogue. */
export function overviewPage(project: Project): HTMLElement {
  const { data } = project;
  const nodes = data.nodes;
  const tests = nodes.filter((n) => n.kind === 'test');
  const statusCount = (s: string) => tests.filter((t) => testStatus(t) === s).length;
  const problems = tests.filter((t) => ['fail', 'warn', 'error'].includes(testStatus(t)));
  const metrics = nodes.filter((n) => n.metric);

  return h(
    'section',
    { class: 'page overview' },
    h('h1', {}, data.project.name || 'Project'),
    h(
      'p',
      { class: 'muted' },
      `Generated ${formatTime(data.project.generatedAt)} from ${data.project.generator || 'a manifest'}.`,
      data.project.lastRunAt ? ` Last run ${formatTime(data.project.lastRunAt)}.` : '',
      missingArtifacts(project),
    ),
    h('h2', {}, 'Layers'),
    h(
      'div',
      { class: 'cards' },
      LAYERS.map((layer) => {
        const inLayer = nodes.filter((n) => n.layer === layer && n.kind !== 'test');
        if (inLayer.length === 0) return null;
        const byKind = (['source', 'seed', 'model', 'snapshot', 'exposure'] as const)
          .map((k) => [k, inLayer.filter((n) => n.kind === k).length] as const)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`)
          .join(', ');
        return h(
          'a',
          { class: `card layer-${layer}`, href: `${href('graph')}?layer=${layer}` },
          h('div', { class: 'card-title' }, layer),
          h('div', { class: 'card-count' }, inLayer.length),
          h('div', { class: 'muted' }, byKind),
        );
      }),
    ),
    h('h2', {}, 'Data quality'),
    tests.length === 0
      ? h('p', { class: 'muted' }, 'The project has no tests.')
      : h(
          'div',
          {},
          h(
            'div',
            { class: 'cards quality' },
            ['pass', 'warn', 'fail', 'error', 'skipped', 'not run'].map((s) =>
              statusCount(s) > 0 || ['pass', 'warn', 'fail'].includes(s)
                ? h(
                    'div',
                    { class: `card status-${s.replace(' ', '-')}` },
                    h('div', { class: 'card-title' }, s),
                    h('div', { class: 'card-count' }, statusCount(s)),
                  )
                : null,
            ),
          ),
          problems.length > 0
            ? table(
                ['Test', 'On', 'Status', 'Message'],
                problems.map((t) => [
                  nodeLink(project, t.id),
                  t.test?.attachedNode ? nodeLink(project, t.test.attachedNode) : '',
                  badge(testStatus(t)),
                  t.lastRun?.message ?? '',
                ]),
              )
            : h('p', { class: 'muted' }, 'Every test that ran passed.'),
        ),
    h('h2', {}, 'Metric catalogue'),
    metrics.length === 0
      ? h('p', { class: 'muted' }, 'No gold model declares a metric.')
      : table(
          ['Metric', 'Definition', 'Formula', 'Grain', 'Standard', 'Model', 'Dashboards'],
          metrics.map((n) => [
            n.metric?.label ?? '',
            trustedHtml('div', renderMarkdown(n.metric?.definition ?? ''), 'md'),
            h('code', {}, n.metric?.formula ?? ''),
            n.metric?.grain ?? '',
            n.metric?.standard ?? '',
            nodeLink(project, n.id),
            exposuresOf(project, n.id).map((e) => [nodeLink(project, e.id), ' ']),
          ]),
        ),
  );
}

/** The page of one source, seed, model, snapshot, test or exposure. */
export function nodePage(project: Project, node: SiteNode): HTMLElement {
  const lineage = project.lineageOf(node.id);
  const parents = node.dependsOn.map((id) => project.byId.get(id)).filter(isNode);
  const children = (project.children.get(node.id) ?? [])
    .map((id) => project.byId.get(id))
    .filter(isNode)
    .filter((n) => n.kind !== 'test');
  const tests = node.tests.map((id) => project.byId.get(id)).filter(isNode);
  const config = node.config;
  const configRows = [
    ['materialized', config.materialized],
    ['unique key', config.unique_key],
    ['strategy', config.strategy ?? config.incremental_strategy],
    ['updated_at', config.updated_at],
    ['on schema change', config.on_schema_change],
    ['severity', node.kind === 'test' ? config.severity : undefined],
  ].filter(([, v]) => v !== undefined && v !== null && v !== '') as [string, unknown][];

  return h(
    'section',
    { class: `page node-page kind-${node.kind}` },
    h(
      'div',
      { class: 'crumbs muted' },
      `${KIND_TITLES[node.kind]} · ${node.layer} · ${node.folder}`,
    ),
    h('h1', {}, node.label, node.lastRun ? [' ', badge(node.lastRun.status)] : null),
    h(
      'div',
      { class: 'actions' },
      node.kind !== 'test'
        ? h(
            'a',
            { class: 'button', href: `${href('graph')}?focus=${encodeURIComponent(node.id)}` },
            'Lineage graph',
          )
        : null,
    ),
    node.metric
      ? h(
          'div',
          { class: 'metric-box' },
          h('h2', {}, `Metric: ${node.metric.label}`),
          trustedHtml('div', renderMarkdown(node.metric.definition), 'md'),
          dl([
            ['Formula', h('code', {}, node.metric.formula)],
            ['Grain', node.metric.grain],
            ['Standard', node.metric.standard ?? '—'],
            ...(node.metric.unit ? [['Unit', node.metric.unit] as [string, string]] : []),
            [
              'Dashboards',
              exposuresOf(project, node.id).length > 0
                ? exposuresOf(project, node.id).map((e) => [nodeLink(project, e.id), ' '])
                : 'none',
            ],
          ]),
        )
      : null,
    node.description
      ? trustedHtml('div', renderMarkdown(node.description), 'md description')
      : h('p', { class: 'muted' }, 'No description.'),
    h('h2', {}, 'Details'),
    dl([
      ['Relation', node.relation ?? '—'],
      [
        'File',
        node.path +
          (node.patchPath && node.patchPath !== node.path
            ? ` (properties: ${node.patchPath})`
            : ''),
      ],
      ['Folder', node.folder || '—'],
      ['Tags', node.tags.length > 0 ? node.tags.map((t) => h('span', { class: 'tag' }, t)) : '—'],
      ...configRows.map(([k, v]) => [k, formatValue(v)] as [string, string]),
      ...(node.rowCount !== undefined
        ? [['Rows', node.rowCount.toLocaleString('en-US')] as [string, string]]
        : []),
      ...(node.tableType ? [['Warehouse type', node.tableType] as [string, string]] : []),
      ...(node.lastRun
        ? [
            [
              'Last run',
              `${node.lastRun.status}: ${node.lastRun.message} (${node.lastRun.executionTime.toFixed(2)} s${node.lastRun.completedAt ? `, ${formatTime(node.lastRun.completedAt)}` : ''})`,
            ] as [string, string],
          ]
        : []),
    ]),
    node.source ? sourceSection(node) : null,
    node.exposure ? exposureSection(node) : null,
    node.test ? testSection(project, node) : null,
    node.kind !== 'test' && node.kind !== 'exposure' ? columnsSection(project, node) : null,
    lineage?.status === 'untraced'
      ? h('p', { class: 'notice' }, `Column lineage could not be traced: ${lineage.message ?? ''}`)
      : null,
    tests.length > 0
      ? [
          h('h2', {}, 'Tests'),
          table(
            ['Test', 'Column', 'Status', 'Message'],
            tests.map((t) => [
              nodeLink(project, t.id),
              t.test?.columnName ?? '',
              badge(testStatus(t)),
              t.lastRun?.message ?? '',
            ]),
          ),
        ]
      : null,
    h('h2', {}, 'Depends on'),
    parents.length > 0
      ? h(
          'ul',
          {},
          parents.map((p) => h('li', {}, nodeLink(project, p.id))),
        )
      : h('p', { class: 'muted' }, 'Nothing.'),
    h('h2', {}, 'Used by'),
    children.length > 0
      ? h(
          'ul',
          {},
          children.map((c) => h('li', {}, nodeLink(project, c.id), ` (${c.kind})`)),
        )
      : h('p', { class: 'muted' }, 'Nothing.'),
    node.compiledCode
      ? [h('h2', {}, 'Compiled SQL'), h('pre', { class: 'sql compiled' }, node.compiledCode)]
      : null,
    node.rawCode ? [h('h2', {}, 'Source SQL'), h('pre', { class: 'sql raw' }, node.rawCode)] : null,
  );
}

function columnsSection(project: Project, node: SiteNode): HTMLElement[] {
  const lineage = project.lineageOf(node.id);
  const traced = new Map((lineage?.columns ?? []).map((c) => [c.name.toLowerCase(), c]));
  const names = new Set(node.columns.map((c) => c.name.toLowerCase()));
  const extra: SiteColumn[] = (lineage?.columns ?? [])
    .filter((c) => !names.has(c.name.toLowerCase()) && c.name !== '*')
    .map((c) => ({
      name: c.name,
      description: '',
      tags: [],
      tests: [],
      inWarehouse: false,
      documented: false,
    }));
  const columns = [...node.columns, ...extra];
  if (columns.length === 0) {
    return [
      h('h2', {}, 'Columns'),
      h(
        'p',
        { class: 'muted' },
        'No columns are known: build the project and generate the docs again to read them from the warehouse.',
      ),
    ];
  }
  const showLineage = node.kind === 'model' || node.kind === 'snapshot';
  return [
    h('h2', {}, 'Columns'),
    table(
      ['Column', 'Type', 'Description', 'Tags', 'Tests', ...(showLineage ? ['Computed from'] : [])],
      columns.map((c) => {
        const cl = traced.get(c.name.toLowerCase());
        return [
          h('a', { href: href('column', node.id, c.name), class: 'column-name' }, c.name),
          c.type ?? '',
          [
            c.description ? trustedHtml('div', renderMarkdown(c.description), 'md') : '',
            !c.inWarehouse && project.data.project.artifacts.catalog
              ? h('div', { class: 'muted small' }, 'not in the warehouse')
              : null,
          ],
          [
            c.pii
              ? h(
                  'span',
                  { class: `tag pii${c.pii === 'eeo' ? ' eeo' : ''}` },
                  c.pii === 'eeo' ? 'EEO' : `PII: ${c.pii}`,
                )
              : null,
            c.tags.map((t) => h('span', { class: 'tag' }, t)),
          ],
          c.tests.map((id) => {
            const t = project.byId.get(id);
            return t
              ? h(
                  'a',
                  {
                    href: href('node', id),
                    class: `test-chip status-${testStatus(t).replace(' ', '-')}`,
                    title: t.name,
                  },
                  t.test?.testName ?? 'test',
                )
              : null;
          }),
          ...(showLineage
            ? [
                cl
                  ? [
                      cl.upstream.length > 0
                        ? h('span', { class: 'transform' }, `${TRANSFORM_WORDS[cl.transform]}: `)
                        : cl.gaps.length === 0
                          ? h(
                              'span',
                              { class: 'transform' },
                              cl.transform === 'aggregate'
                                ? 'aggregated (no column, e.g. count(*))'
                                : 'constant',
                            )
                          : null,
                      cl.upstream.map((u, i) => [
                        i > 0 ? ', ' : '',
                        columnLink(project, u.node, u.column),
                      ]),
                      cl.gaps.map((g) => h('div', { class: 'gap' }, `not traced: ${g}`)),
                    ]
                  : h(
                      'span',
                      { class: 'muted' },
                      lineage ? 'not produced by the SQL' : 'no lineage',
                    ),
              ]
            : []),
        ];
      }),
    ),
  ];
}

/** A column's upstream graph and tree, gaps, and the columns that read it. */
export function columnPage(project: Project, nodeId: string, column: string): HTMLElement {
  const node = project.byId.get(nodeId);
  if (!node) return notFound(nodeId);
  const isTraced = (id: string) => {
    const k = project.byId.get(id)?.kind;
    return k === 'model' || k === 'snapshot';
  };
  const lineage = new Map(Object.entries(project.data.lineage));
  const tree = upstreamTree(lineage, { node: nodeId, column }, isTraced);
  const downstream = project.columnChildren.get(columnKey(nodeId, column)) ?? [];
  const boxes = new Map<string, { key: string; label: string; sub: string; className: string }>();
  const edges = new Map<string, { from: string; to: string }>();
  const visit = (t: LineageTreeNode) => {
    const key = columnKey(t.node, t.column);
    const owner = project.byId.get(t.node);
    boxes.set(key, {
      key,
      label: t.column,
      sub: owner?.label ?? t.node,
      className: `layer-${owner?.layer ?? 'other'} kind-${owner?.kind ?? 'model'}${t.gaps.length > 0 ? ' has-gap' : ''}${key === columnKey(nodeId, column) ? ' root' : ''}`,
    });
    for (const c of t.children) {
      edges.set(`${columnKey(c.node, c.column)}>${key}`, {
        from: columnKey(c.node, c.column),
        to: key,
      });
      visit(c);
    }
  };
  visit(tree);
  const gaps: string[] = [];
  const collect = (t: LineageTreeNode) => {
    for (const g of t.gaps) {
      gaps.push(`${project.byId.get(t.node)?.label ?? t.node}.${t.column}: ${g}`);
    }
    t.children.forEach(collect);
  };
  collect(tree);
  const openKey = (key: string) => {
    const [n = '', c = ''] = key.split('\u0000');
    const owner = lineage.get(n)?.columns.find((x) => x.name.toLowerCase() === c);
    location.hash = href('column', n, owner?.name ?? c);
  };

  return h(
    'section',
    { class: 'page column-page' },
    h('div', { class: 'crumbs muted' }, 'Column lineage'),
    h('h1', {}, `${node.label}.${column}`),
    h(
      'p',
      {},
      'Where this column comes from, down to sources and seeds. ',
      nodeLink(project, nodeId, 'Back to the model'),
    ),
    graphView({
      boxes: [...boxes.values()],
      edges: [...edges.values()],
      centre: columnKey(nodeId, column),
      onOpen: openKey,
    }),
    gaps.length > 0
      ? [
          h('h2', {}, 'Not traced'),
          h(
            'ul',
            { class: 'gaps' },
            gaps.map((g) => h('li', {}, g)),
          ),
        ]
      : null,
    h('h2', {}, 'Upstream'),
    h(
      'pre',
      { class: 'tree' },
      formatTree(tree, (id) => project.byId.get(id)?.label ?? id),
    ),
    h('h2', {}, 'Downstream'),
    downstream.length > 0
      ? h(
          'ul',
          {},
          downstream.map((d) => h('li', {}, columnLink(project, d.node, d.column))),
        )
      : h('p', { class: 'muted' }, 'No traced column reads this one.'),
  );
}

function sourceSection(node: SiteNode): HTMLElement[] {
  const s = node.source;
  if (!s) return [];
  const f = s.freshness;
  return [
    h('h2', {}, 'Source'),
    dl([
      ['Source', s.sourceName],
      [
        'About the source',
        s.sourceDescription ? trustedHtml('div', renderMarkdown(s.sourceDescription), 'md') : '—',
      ],
      ['Loaded at field', s.loadedAtField ?? '—'],
      [
        'Freshness',
        f
          ? [
              badge(f.status),
              f.ageSeconds !== undefined ? ` newest row ${formatAge(f.ageSeconds)} old` : '',
              f.maxLoadedAt ? ` (${formatTime(f.maxLoadedAt)})` : '',
              f.checkedAt ? `, checked ${formatTime(f.checkedAt)}` : '',
              f.warnAfter ? `; warn after ${f.warnAfter}` : '',
              f.errorAfter ? `; error after ${f.errorAfter}` : '',
              f.error ? h('div', { class: 'gap' }, f.error) : null,
            ]
          : 'no freshness rule',
      ],
    ]),
  ];
}

function exposureSection(node: SiteNode): HTMLElement[] {
  const e = node.exposure;
  if (!e) return [];
  return [
    h('h2', {}, 'Exposure'),
    dl([
      ['Label', e.label],
      ['Type', e.type],
      ['Maturity', e.maturity ?? '—'],
      [
        'URL',
        e.url && /^https?:/i.test(e.url)
          ? h('a', { href: e.url, rel: 'noopener noreferrer' }, e.url)
          : (e.url ?? '—'),
      ],
      [
        'Owner',
        Object.entries(e.owner)
          .map(([k, v]) => `${k}: ${formatValue(v)}`)
          .join(', ') || '—',
      ],
    ]),
  ];
}

function testSection(project: Project, node: SiteNode): HTMLElement[] {
  const t = node.test;
  if (!t) return [];
  return [
    h('h2', {}, 'Test'),
    dl([
      ['Tests', t.attachedNode ? nodeLink(project, t.attachedNode) : '—'],
      ['Column', t.columnName ?? '—'],
      ['Generic test', t.testName ?? 'singular (SQL file)'],
      ['Arguments', t.kwargs ? h('code', {}, JSON.stringify(withoutModel(t.kwargs))) : '—'],
      ['Severity', t.severity ?? 'error'],
      ['Last status', badge(testStatus(node))],
    ]),
  ];
}

/** The page for a link to nothing. */
export function notFound(what: string): HTMLElement {
  return h(
    'section',
    { class: 'page' },
    h('h1', {}, 'Not found'),
    h('p', {}, `Nothing in this project is called ${what}.`),
    h('a', { href: href() }, 'Overview'),
  );
}

function missingArtifacts(project: Project): string {
  const a = project.data.project.artifacts;
  const missing = [
    a.catalog ? '' : 'catalog.json (column types, row counts)',
    a.runResults ? '' : 'run_results.json (run and test status)',
    a.sources ? '' : 'sources.json (freshness)',
  ].filter(Boolean);
  return missing.length > 0 ? ` Not found: ${missing.join(', ')}.` : '';
}

function exposuresOf(project: Project, id: string): SiteNode[] {
  const out = new Map<string, SiteNode>();
  const queue = [id];
  const seen = new Set(queue);
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const c of project.children.get(next) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      const n = project.byId.get(c);
      if (n?.kind === 'exposure') out.set(c, n);
      else if (n && n.kind !== 'test') queue.push(c);
    }
  }
  return [...out.values()];
}

/** A link to a resource's page, labelled with its label. */
export function nodeLink(project: Project, id: string, text?: string): HTMLElement {
  const n = project.byId.get(id);
  return h(
    'a',
    { href: href('node', id), class: `node-link kind-${n?.kind ?? 'model'}` },
    text ?? n?.label ?? id,
  );
}

function columnLink(project: Project, node: string, column: string): HTMLElement {
  const n = project.byId.get(node);
  return h(
    'a',
    { href: href('column', node, column), class: 'column-link' },
    `${n?.label ?? node}.${column}`,
  );
}

function badge(status: string): HTMLElement {
  return h('span', { class: `badge status-${status.replace(/\s+/g, '-')}` }, status);
}

function table(headers: readonly string[], rows: readonly unknown[][]): HTMLElement {
  return h(
    'table',
    { class: 'data' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((x) => h('th', {}, x)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((cell) => h('td', {}, cell as Node | string)),
        ),
      ),
    ),
  );
}

function dl(rows: readonly [string, unknown][]): HTMLElement {
  return h(
    'dl',
    { class: 'details' },
    rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v as Node | string)]),
  );
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function withoutModel(kwargs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { model: _m, column_name: _c, ...rest } = kwargs;
  return rest;
}

/** `2026-03-01 12:00:00 UTC`, or the input when it is no date. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}

function isNode(n: SiteNode | undefined): n is SiteNode {
  return n !== undefined;
}
