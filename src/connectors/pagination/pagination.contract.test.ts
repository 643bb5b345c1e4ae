/**
 * One contract for every pagination style: against a fake API holding N records, a pass
 * returns each record exactly once and in order, sends only what the style allows, and stops.
 */
import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../http/http-types.js';
import { selectRecords } from '../records/record-selector.js';
import { buildRequest } from '../sync/request-builder.js';
import { resolvedTestSpec } from '../testing/test-spec.js';
import { json } from '../testing/fake-transport.js';
import { startPagination } from './pagination.js';

const PAGE = 3;

interface Style {
  readonly name: string;
  readonly pagination: Record<string, unknown>;
  readonly records?: Record<string, unknown>;
  /** The fake API's answer for a request, given all records. */
  serve(request: HttpRequest, all: readonly number[]): HttpResponse;
}

const ids = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const items = (list: readonly number[]): { id: number }[] => list.map((id) => ({ id }));

const STYLES: readonly Style[] = [
  {
    name: 'link_header',
    pagination: { kind: 'link_header', page_size_param: 'per_page', page_size: PAGE },
    serve: (request, all) => {
      const url = new URL(request.url);
      const cursor = url.searchParams.get('cursor');
      if (cursor !== null && [...url.searchParams.keys()].length !== 1) {
        return json({ errors: ['When passing a cursor, do not include other query params.'] }, 422);
      }
      const start = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64url').toString());
      const size = cursor === null ? Number(url.searchParams.get('per_page')) : PAGE;
      const page = all.slice(start, start + size);
      const next =
        start + size < all.length
          ? Buffer.from(String(start + size)).toString('base64url')
          : undefined;
      return json(
        items(page),
        200,
        next ? { link: `<https://api.example.test/v1/items?cursor=${next}>; rel="next"` } : {},
      );
    },
  },
  {
    name: 'offset_limit',
    pagination: { kind: 'offset_limit', limit: PAGE, total_path: 'total' },
    records: { path: 'data' },
    serve: (request, all) => {
      const url = new URL(request.url);
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      return json({ total: all.length, data: items(all.slice(offset, offset + limit)) });
    },
  },
  {
    name: 'offset_limit without total',
    pagination: { kind: 'offset_limit', limit: PAGE },
    records: { path: 'data' },
    serve: (request, all) => {
      const url = new URL(request.url);
      const offset = Number(url.searchParams.get('offset'));
      return json({
        data: items(all.slice(offset, offset + Number(url.searchParams.get('limit')))),
      });
    },
  },
  {
    name: 'cursor_param',
    pagination: {
      kind: 'cursor_param',
      cursor_param: 'after',
      cursor_path: 'meta.next',
      page_size_param: 'size',
      page_size: PAGE,
    },
    records: { path: 'items' },
    serve: (request, all) => {
      const url = new URL(request.url);
      const after = Number(url.searchParams.get('after') ?? 0);
      const page = all.filter((id) => id > after).slice(0, Number(url.searchParams.get('size')));
      const last = page[page.length - 1];
      return json({
        items: items(page),
        meta: { next: last !== undefined && last < all.length ? String(last) : null },
      });
    },
  },
  {
    name: 'page_number',
    pagination: {
      kind: 'page_number',
      page_param: 'page',
      page_size_param: 'count',
      page_size: PAGE,
      total_pages_path: 'pages',
    },
    records: { path: 'rows' },
    serve: (request, all) => {
      const url = new URL(request.url);
      const page = Number(url.searchParams.get('page'));
      const count = Number(url.searchParams.get('count'));
      return json({
        pages: Math.ceil(all.length / count),
        rows: items(all.slice((page - 1) * count, page * count)),
      });
    },
  },
];

function collect(style: Style, n: number): { ids: number[]; requests: HttpRequest[] } {
  const source = resolvedTestSpec({
    streams: {
      items: {
        path: '/items',
        primary_key: ['id'],
        params: { status: 'open' },
        pagination: style.pagination,
        ...(style.records ? { records: style.records } : {}),
      },
    },
  });
  const stream = source.streams[0];
  if (!stream) throw new Error('no stream');
  const all = ids(n);
  const seen: number[] = [];
  const requests: HttpRequest[] = [];
  const pagination = startPagination(stream.pagination, stream.id);
  let page = pagination.firstRequest();
  for (let guard = 0; guard < 100; guard += 1) {
    const request = buildRequest(source, stream, page, () => undefined, []);
    requests.push(request);
    const response = style.serve(request, all);
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as unknown;
    const records = selectRecords(body, stream.records.path, stream.id) as { id: number }[];
    seen.push(...records.map((r) => r.id));
    pagination.update({ requestUrl: request.url, response, body, records: records.length });
    if (!pagination.hasMore()) return { ids: seen, requests };
    page = pagination.nextRequest();
  }
  throw new Error('pagination did not stop');
}

describe.each(STYLES)('pagination contract: $name', (style) => {
  it.each([0, 1, PAGE - 1, PAGE, PAGE + 1, 3 * PAGE, 3 * PAGE + 2])(
    'returns each of %i records once, in order',
    (n) => {
      const { ids: got, requests } = collect(style, n);
      expect(got).toEqual(ids(n));
      expect(requests.length).toBeLessThanOrEqual(Math.ceil(n / PAGE) + 1);
    },
  );

  it('sends the stream parameters on the first request', () => {
    const { requests } = collect(style, 2 * PAGE + 1);
    expect(new URL(requests[0]?.url ?? '').searchParams.get('status')).toBe('open');
  });
});

describe('link_header pagination', () => {
  it('sends nothing but the cursor on later pages', () => {
    const style = STYLES[0];
    if (!style) throw new Error('missing style');
    const { requests } = collect(style, 2 * PAGE + 1);
    for (const request of requests.slice(1)) {
      expect([...new URL(request.url).searchParams.keys()]).toEqual(['cursor']);
    }
  });

  it('follows the next link byte for byte', () => {
    const p = startPagination({ kind: 'link_header' }, 'x');
    p.firstRequest();
    const link = 'https://h.test/v3/jobs?cursor=a%2Bb%3D%3D';
    p.update({
      requestUrl: 'https://h.test/v3/jobs',
      response: { status: 200, headers: { link: `<${link}>; rel="next"` }, body: '[]' },
      body: [],
      records: 1,
    });
    expect(p.nextRequest().url).toBe(link);
  });

  it('stops when the same next link comes back twice', () => {
    const p = startPagination({ kind: 'link_header' }, 'x');
    const response = {
      status: 200,
      headers: { link: '<https://h.test/a?cursor=1>; rel="next"' },
      body: '[]',
    };
    p.update({ requestUrl: 'https://h.test/a', response, body: [], records: 1 });
    expect(() =>
      p.update({ requestUrl: 'https://h.test/a', response, body: [], records: 1 }),
    ).toThrow(/same next link/);
  });
});
