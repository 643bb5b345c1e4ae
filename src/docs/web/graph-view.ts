/**
 * Draws a laid-out graph as SVG with pan (drag), zoom (wheel, buttons) and path highlighting.
 * Used for the model lineage graph and the column lineage graph alike.
 */
import { h, svg } from './dom.js';
import { layoutGraph } from './layout.js';

/** A box as drawn. */
export interface ViewBox {
  readonly key: string;
  readonly label: string;
  /** A second, smaller line. */
  readonly sub?: string;
  /** CSS classes: layer, kind, state. */
  readonly className: string;
  readonly title?: string;
}

/** What to draw and what to do on a click or double-click. */
export interface GraphViewOptions {
  readonly boxes: readonly ViewBox[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
  /** Keys to mark as matching the search. */
  readonly marked?: ReadonlySet<string>;
  readonly onSelect?: (key: string | undefined) => void;
  readonly onOpen?: (key: string) => void;
  /** Box keys to highlight when `key` is selected. */
  readonly pathsOf?: (key: string) => ReadonlySet<string>;
  /** Centre the view on this box at first. */
  readonly centre?: string;
}

/** Average glyph widths of the 12 px label and the 10.5 px second line. */
const CHAR = 7;
const SUB_CHAR = 6.2;
const LINE = 18;

/** Lays out and draws the graph; fits it to the view once the element is in the page. */
export function graphView(options: GraphViewOptions): HTMLElement {
  const sized = options.boxes.map((b) => ({
    ...b,
    width: Math.min(
      280,
      Math.max(90, b.label.length * CHAR + 24, (b.sub ?? '').length * SUB_CHAR + 24),
    ),
    height: b.sub ? LINE * 2 + 6 : LINE + 10,
  }));
  const placed = layoutGraph(sized, options.edges);

  const world = svg('g', { class: 'world' });
  const edgeEls = new Map<string, SVGPathElement>();
  for (const e of options.edges) {
    const points = placed.edges.get(`${e.from}\u0000${e.to}`) ?? [];
    const path = svg('path', { class: 'edge', d: curve(points), 'marker-end': 'url(#arrow)' });
    edgeEls.set(`${e.from}\u0000${e.to}`, path);
    world.appendChild(path);
  }
  const boxEls = new Map<string, SVGGElement>();
  for (const b of sized) {
    const at = placed.boxes.get(b.key);
    if (!at) continue;
    const g = svg(
      'g',
      {
        class: `box ${b.className}${options.marked?.has(b.key) ? ' marked' : ''}`,
        transform: `translate(${at.x - b.width / 2},${at.y - b.height / 2})`,
        'data-key': b.key,
      },
      svg('title', {}, b.title ?? b.label),
      svg('rect', { width: b.width, height: b.height, rx: 5 }),
      svg('text', { x: 10, y: LINE - 2 }, clip(b.label, b.width)),
      b.sub
        ? svg('text', { x: 10, y: LINE * 2 - 2, class: 'sub' }, clip(b.sub, b.width, SUB_CHAR))
        : null,
    );
    boxEls.set(b.key, g);
    world.appendChild(g);
  }

  const root = svg(
    'svg',
    { class: 'graph-svg', width: '100%', height: '100%' },
    svg(
      'defs',
      {},
      svg(
        'marker',
        {
          id: 'arrow',
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 7,
          markerHeight: 7,
          orient: 'auto-start-reverse',
        },
        svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }),
      ),
    ),
    world,
  );

  let scale = 1;
  let tx = 0;
  let ty = 0;
  const apply = () => world.setAttribute('transform', `translate(${tx},${ty}) scale(${scale})`);
  const zoomAt = (factor: number, cx: number, cy: number) => {
    const next = Math.min(3, Math.max(0.05, scale * factor));
    tx = cx - ((cx - tx) * next) / scale;
    ty = cy - ((cy - ty) * next) / scale;
    scale = next;
    apply();
  };
  // The first view keeps labels legible (a large graph opens zoomed in on its centre or the
  // focus node); the fit button shows everything however small.
  const fit = (legible: boolean) => {
    const rect = root.getBoundingClientRect();
    const w = rect.width || 900;
    const hgt = rect.height || 600;
    const focus = options.centre ? placed.boxes.get(options.centre) : undefined;
    scale = Math.min(1, w / placed.width, hgt / placed.height);
    if (legible && focus && scale < 0.5) scale = 0.8;
    if (legible) scale = Math.max(scale, 0.45);
    const cx = focus ? focus.x : placed.width / 2;
    const cy = focus ? focus.y : placed.height / 2;
    tx = w / 2 - cx * scale;
    ty = hgt / 2 - cy * scale;
    apply();
  };

  root.addEventListener(
    'wheel',
    (ev) => {
      ev.preventDefault();
      const rect = root.getBoundingClientRect();
      zoomAt(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - rect.left, ev.clientY - rect.top);
    },
    { passive: false },
  );
  let drag: { x: number; y: number; moved: boolean } | undefined;
  root.addEventListener('pointerdown', (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, moved: false };
  });
  root.addEventListener('pointermove', (ev) => {
    if (!drag || (ev.buttons & 1) === 0) return;
    const dx = ev.clientX - drag.x;
    const dy = ev.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true;
    tx += dx;
    ty += dy;
    drag.x = ev.clientX;
    drag.y = ev.clientY;
    apply();
  });

  const select = (key: string | undefined) => {
    const lit = key && options.pathsOf ? options.pathsOf(key) : undefined;
    for (const [k, el] of boxEls) {
      el.classList.toggle('selected', k === key);
      el.classList.toggle('dim', lit !== undefined && !lit.has(k));
    }
    for (const [k, el] of edgeEls) {
      const [from = '', to = ''] = k.split('\u0000');
      const on = lit !== undefined && lit.has(from) && lit.has(to);
      el.classList.toggle('lit', on);
      el.classList.toggle('dim', lit !== undefined && !on);
    }
    options.onSelect?.(key);
  };
  root.addEventListener('click', (ev) => {
    if (drag?.moved) return;
    const box = (ev.target as Element).closest('g.box');
    select(box?.getAttribute('data-key') ?? undefined);
  });
  root.addEventListener('dblclick', (ev) => {
    const key = (ev.target as Element).closest('g.box')?.getAttribute('data-key');
    if (key) options.onOpen?.(key);
  });

  const controls = h(
    'div',
    { class: 'zoom-controls' },
    h('button', { type: 'button', title: 'Zoom in', onclick: () => zoomAt(1.25, 300, 200) }, '+'),
    h('button', { type: 'button', title: 'Zoom out', onclick: () => zoomAt(0.8, 300, 200) }, '−'),
    h('button', { type: 'button', title: 'Fit', onclick: () => fit(false) }, 'fit'),
  );
  const container = h('div', { class: 'graph-canvas' }, root, controls);
  requestAnimationFrame(() => fit(true));
  return container;
}

function curve(points: readonly { x: number; y: number }[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  if (rest.length === 0) return `M${first.x},${first.y}`;
  let d = `M${first.x},${first.y}`;
  for (let i = 0; i < rest.length; i++) {
    const p = rest[i];
    const prev = i === 0 ? first : rest[i - 1];
    if (!p || !prev) continue;
    const mx = (prev.x + p.x) / 2;
    d += ` C${mx},${prev.y} ${mx},${p.y} ${p.x},${p.y}`;
  }
  return d;
}

function clip(text: string, width: number, glyph = CHAR): string {
  const max = Math.floor((width - 16) / glyph);
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}
