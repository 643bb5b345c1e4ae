/**
 * The lineage graph page: filters (resource type, tag, folder, layer), the engine's selector
 * syntax, focus with n levels up and down, search, and folders collapsed into single boxes when
 * the graph is large. Its state lives in the URL (`#/graph?focus=…&up=2`), so views can be linked.
 */
import { HrflowError } from '../../core/errors.js';
import { SITE_KINDS } from '../site-data.js';
import type { SiteKind, SiteNode } from '../site-data.js';
import { h, href } from './dom.js';
import { foldersToCollapse, LARGE_GRAPH, pathsThrough, visibleGraph } from './graph-model.js';
import type { GraphBox } from './graph-model.js';
import { graphView } from './graph-view.js';
import type { Project } from './project.js';
import type { SelectorEngine } from './selection.js';

/** The graph page for the parameters of its URL. */
export function graphPage(
  project: Project,
  selector: SelectorEngine,
  params: URLSearchParams,
): HTMLElement {
  const nodes = project.data.nodes;
  const get = (k: string) => params.get(k) ?? '';
  const kinds = new Set<SiteKind>(
    get('types')
      ? (get('types')
          .split(',')
          .filter((k) => (SITE_KINDS as readonly string[]).includes(k)) as SiteKind[])
      : ['source', 'seed', 'model', 'snapshot', 'exposure'],
  );
  const focusId = get('focus');
  const up = Number(get('up') || (focusId ? 2 : 0));
  const down = Number(get('down') || (focusId ? 2 : 0));

  let selected: ReadonlySet<string> | undefined;
  let selectorError = '';
  if (get('select') || get('exclude')) {
    try {
      selected = selector.select(get('select'), get('exclude'));
    } catch (error) {
      selectorError =
        error instanceof HrflowError
          ? `${error.message}${error.hint ? ` ${error.hint}` : ''}`
          : String(error);
    }
  }
  const layer = get('layer');
  const base = {
    kinds,
    ...(get('tag') ? { tag: get('tag') } : {}),
    ...(get('folder') ? { folder: get('folder') } : {}),
    ...(selected || layer ? { selected: layerFilter(selected, layer, project) } : {}),
    ...(focusId && project.byId.has(focusId) ? { focus: { id: focusId, up, down } } : {}),
  };
  const expanded = new Set(get('expand') ? get('expand').split(',') : []);
  const uncollapsed = visibleGraph(nodes, { ...base, collapsed: new Set() });
  const grouping = get('group') || (uncollapsed.boxes.length > LARGE_GRAPH ? 'folders' : 'none');
  const collapsed =
    grouping === 'folders'
      ? new Set([...foldersToCollapse(nodes, focusId)].filter((f) => !expanded.has(f)))
      : new Set<string>();
  const graph = grouping === 'folders' ? visibleGraph(nodes, { ...base, collapsed }) : uncollapsed;

  const term = get('q').toLowerCase();
  const marked = new Set(
    term
      ? graph.boxes
          .filter((b) =>
            (b.type === 'node' ? `${b.node.label} ${b.node.name}` : b.folder)
              .toLowerCase()
              .includes(term),
          )
          .map((b) => b.key)
      : [],
  );

  const navigate = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    location.hash = `${href('graph')}?${next.toString()}`;
  };

  const info = h(
    'div',
    { class: 'graph-info muted' },
    'Click a box to highlight its paths; double-click to open it.',
  );
  const tags = [...new Set(nodes.flatMap((n) => n.tags))].sort();
  const folders = [...new Set(nodes.map((n) => n.folder))].sort();
  const form = h(
    'form',
    {
      class: 'graph-controls',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const f = new FormData(ev.target as HTMLFormElement);
        const value = (k: string) => {
          const v = f.get(k);
          return typeof v === 'string' ? v.trim() : '';
        };
        navigate({
          select: value('select'),
          exclude: value('exclude'),
          q: value('q'),
          tag: value('tag'),
          folder: value('folder'),
          up: value('up'),
          down: value('down'),
          group: value('group'),
          types: SITE_KINDS.filter((k) => f.get(`type-${k}`) === 'on').join(','),
        });
      },
    },
    h(
      'label',
      {},
      'Select ',
      h('input', {
        name: 'select',
        value: get('select'),
        placeholder: '+gold.turnover  tag:pii',
        size: 26,
        'aria-label': 'select',
      }),
    ),
    h(
      'label',
      {},
      'Exclude ',
      h('input', { name: 'exclude', value: get('exclude'), size: 14, 'aria-label': 'exclude' }),
    ),
    h(
      'label',
      {},
      'Search ',
      h('input', { name: 'q', value: get('q'), size: 14, 'aria-label': 'graph search' }),
    ),
    h(
      'label',
      {},
      'Tag ',
      h(
        'select',
        { name: 'tag', 'aria-label': 'tag' },
        h('option', { value: '' }, 'any'),
        tags.map((t) => h('option', { value: t, selected: t === get('tag') }, t)),
      ),
    ),
    h(
      'label',
      {},
      'Folder ',
      h(
        'select',
        { name: 'folder', 'aria-label': 'folder' },
        h('option', { value: '' }, 'any'),
        folders.map((f) => h('option', { value: f, selected: f === get('folder') }, f)),
      ),
    ),
    h(
      'span',
      { class: 'types' },
      SITE_KINDS.map((k) =>
        h(
          'label',
          {},
          h('input', { type: 'checkbox', name: `type-${k}`, checked: kinds.has(k) }),
          ` ${k}s `,
        ),
      ),
    ),
    focusId
      ? h(
          'span',
          {},
          'Focus ',
          h('strong', {}, project.byId.get(focusId)?.label ?? focusId),
          ' up ',
          h('input', {
            name: 'up',
            type: 'number',
            min: 0,
            value: up,
            size: 2,
            class: 'depth',
            'aria-label': 'levels up',
          }),
          ' down ',
          h('input', {
            name: 'down',
            type: 'number',
            min: 0,
            value: down,
            size: 2,
            class: 'depth',
            'aria-label': 'levels down',
          }),
        )
      : null,
    h(
      'label',
      {},
      'Group ',
      h(
        'select',
        { name: 'group', 'aria-label': 'group' },
        h('option', { value: 'none', selected: grouping === 'none' }, 'none'),
        h('option', { value: 'folders', selected: grouping === 'folders' }, 'by folder'),
      ),
    ),
    h('button', { type: 'submit' }, 'Apply'),
    h('a', { class: 'button', href: href('graph') }, 'Reset'),
  );

  const label = (b: GraphBox) =>
    b.type === 'node' ? b.node.label : `${b.folder}/ (${b.members.length})`;
  const view =
    graph.boxes.length === 0
      ? h('p', { class: 'notice' }, 'Nothing matches these filters.')
      : graphView({
          boxes: graph.boxes.map((b) => ({
            key: b.key,
            label: label(b),
            ...(b.type === 'node'
              ? {
                  sub:
                    b.node.kind === 'source'
                      ? 'source'
                      : b.node.kind === 'exposure'
                        ? `exposure · ${b.node.exposure?.type ?? ''}`
                        : `${b.node.kind} · ${materializedOf(b.node)}`,
                }
              : { sub: `folder · ${b.layer}` }),
            className:
              b.type === 'node'
                ? `layer-${b.node.layer} kind-${b.node.kind}${b.key === focusId ? ' root' : ''}`
                : `layer-${b.layer} folder`,
            title:
              b.type === 'node'
                ? `${b.node.label} (${b.node.kind})`
                : `${b.members.length} nodes in ${b.folder}; double-click to expand`,
          })),
          edges: graph.edges,
          marked,
          ...(focusId
            ? { centre: focusId }
            : marked.size > 0
              ? { centre: [...marked][0] ?? '' }
              : {}),
          pathsOf: (key) => pathsThrough(graph, key),
          onSelect: (key) => {
            const box = graph.boxes.find((b) => b.key === key);
            info.replaceChildren(
              box?.type === 'node'
                ? h(
                    'span',
                    {},
                    h('a', { href: href('node', box.node.id) }, box.node.label),
                    ` (${box.node.kind}) · `,
                    h(
                      'a',
                      { href: `${href('graph')}?focus=${encodeURIComponent(box.node.id)}` },
                      'focus here',
                    ),
                  )
                : box?.type === 'folder'
                  ? h(
                      'span',
                      {},
                      `${box.folder}: ${box.members.length} nodes · double-click to expand`,
                    )
                  : 'Click a box to highlight its paths; double-click to open it.',
            );
          },
          onOpen: (key) => {
            const box = graph.boxes.find((b) => b.key === key);
            if (box?.type === 'node') {
              location.hash = href('node', box.node.id);
            } else if (box?.type === 'folder') {
              navigate({ group: 'folders', expand: [...expanded, box.folder].join(',') });
            }
          },
        });

  return h(
    'section',
    { class: 'page graph-page' },
    form,
    selectorError ? h('p', { class: 'notice error' }, `Selector: ${selectorError}`) : null,
    h(
      'div',
      { class: 'graph-summary muted' },
      `${graph.boxes.length} boxes, ${graph.edges.length} edges`,
      grouping === 'folders' ? ' · folders collapsed (double-click one to expand)' : '',
      layer ? ` · layer ${layer}` : '',
    ),
    info,
    view,
  );
}

function layerFilter(
  selected: ReadonlySet<string> | undefined,
  layer: string,
  project: Project,
): ReadonlySet<string> {
  const ids = project.data.nodes
    .filter((n) => (!layer || n.layer === layer) && (!selected || selected.has(n.id)))
    .map((n) => n.id);
  return new Set(ids);
}

function materializedOf(node: SiteNode): string {
  const m = node.config.materialized;
  return typeof m === 'string' ? m : node.kind;
}
