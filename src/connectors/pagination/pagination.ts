/**
 * Pagination as a tiny lifecycle: the first request, an update from each response, whether more
 * pages follow, and the next request. One small object per style; the stream runner drives them
 * all the same way, and one contract suite checks every style against a fake API.
 */
import { HrflowError } from '../../core/errors.js';
import { nextLink } from '../http/link-header.js';
import type { HttpResponse } from '../http/http-types.js';
import { scalarText, valueAtPath } from '../records/record-selector.js';
import type { ResolvedPagination } from '../spec/resolved-source.js';

/** What a page request adds to the stream's own request. */
export interface PageRequest {
  /** An absolute URL to request exactly as given (a `Link` next URL); replaces path and query. */
  readonly url?: string;
  /** Query parameters of this page. */
  readonly params: readonly (readonly [string, string])[];
  /** Whether the stream's own query parameters and filters are sent too. */
  readonly withStreamParams: boolean;
  /** Template variables (`{page}`, `{offset}`, `{page_size}`) for paths and bodies. */
  readonly vars: Readonly<Record<string, string>>;
}

/** What the runner learned from one page. */
export interface PageResult {
  readonly requestUrl: string;
  readonly response: HttpResponse;
  readonly body: unknown;
  /** Records found on the page. */
  readonly records: number;
}

/** The pagination of one pass over a stream. */
export interface Pagination {
  firstRequest(): PageRequest;
  update(result: PageResult): void;
  hasMore(): boolean;
  nextRequest(): PageRequest;
}

/** Starts a pass; `where` names the stream in errors. */
export function startPagination(config: ResolvedPagination, where: string): Pagination {
  switch (config.kind) {
    case 'link_header':
      return linkHeader(config, where);
    case 'offset_limit':
      return offsetLimit(config);
    case 'cursor_param':
      return cursorParam(config, where);
    case 'page_number':
      return pageNumber(config);
    case 'none':
      return single();
    default:
      return assertNever(config);
  }
}

/**
 * Greenhouse v3: the next URL carries an opaque cursor and must be requested exactly as given,
 * with no other parameter (anything added gets a 422). `per_page` goes on the first page only.
 */
function linkHeader(
  config: Extract<ResolvedPagination, { kind: 'link_header' }>,
  where: string,
): Pagination {
  let next: string | undefined;
  const seen = new Set<string>();
  return {
    firstRequest: () => ({
      params:
        config.pageSizeParam && config.pageSize !== undefined
          ? [[config.pageSizeParam, String(config.pageSize)]]
          : [],
      withStreamParams: true,
      vars: pageSizeVars(config.pageSize),
    }),
    update: (result) => {
      next = nextLink(result.response.headers.link, result.requestUrl);
      if (next !== undefined && seen.has(next)) {
        throw new HrflowError(
          'source-request-failed',
          `${where}: the API returned the same next link twice`,
          {
            hint: 'The server is looping; this is a server bug. Try again later.',
          },
        );
      }
      if (next !== undefined) seen.add(next);
    },
    hasMore: () => next !== undefined,
    nextRequest: () => ({ url: next, params: [], withStreamParams: false, vars: {} }),
  };
}

/**
 * Workday REST: `limit` and zero-based `offset`, `total` in the body. The offset advances by the
 * records actually received, so a server that clamps `limit` loses nothing.
 */
function offsetLimit(config: Extract<ResolvedPagination, { kind: 'offset_limit' }>): Pagination {
  let offset = 0;
  let total: number | undefined;
  let last = 0;
  const request = (): PageRequest => ({
    params: [
      [config.limitParam, String(config.limit)],
      [config.offsetParam, String(offset)],
    ],
    withStreamParams: true,
    vars: { limit: String(config.limit), offset: String(offset), page_size: String(config.limit) },
  });
  return {
    firstRequest: request,
    update: (result) => {
      last = result.records;
      offset += result.records;
      if (config.totalPath) {
        const t = Number(valueAtPath(result.body, config.totalPath));
        total = Number.isFinite(t) ? t : undefined;
      }
    },
    hasMore: () => last > 0 && (total !== undefined ? offset < total : last >= config.limit),
    nextRequest: request,
  };
}

/** A cursor from the body or a header, sent back as a query parameter. */
function cursorParam(
  config: Extract<ResolvedPagination, { kind: 'cursor_param' }>,
  where: string,
): Pagination {
  let cursor: string | undefined;
  let last = 0;
  const seen = new Set<string>();
  const sizeParam = (): [string, string][] =>
    config.pageSizeParam && config.pageSize !== undefined
      ? [[config.pageSizeParam, String(config.pageSize)]]
      : [];
  return {
    firstRequest: () => ({ params: sizeParam(), withStreamParams: true, vars: {} }),
    update: (result) => {
      last = result.records;
      const raw = config.cursorHeader
        ? result.response.headers[config.cursorHeader]
        : config.cursorPath
          ? scalarText(valueAtPath(result.body, config.cursorPath))
          : undefined;
      cursor = raw === undefined || raw === '' ? undefined : raw;
      if (cursor !== undefined && seen.has(cursor)) {
        throw new HrflowError(
          'source-request-failed',
          `${where}: the API returned the same cursor twice`,
          {
            hint: 'The server is looping; this is a server bug. Try again later.',
          },
        );
      }
      if (cursor !== undefined) seen.add(cursor);
    },
    hasMore: () => cursor !== undefined && last > 0,
    nextRequest: () => ({
      params: [...(config.cursorOnly ? [] : sizeParam()), [config.cursorParam, cursor ?? '']],
      withStreamParams: !config.cursorOnly,
      vars: {},
    }),
  };
}

/** Numbered pages; SOAP `Get_Workers` puts `{page}` in its body and reports `Total_Pages`. */
function pageNumber(config: Extract<ResolvedPagination, { kind: 'page_number' }>): Pagination {
  let page = config.start;
  let totalPages: number | undefined;
  let last = 0;
  const request = (): PageRequest => ({
    params: [
      ...(config.pageParam ? ([[config.pageParam, String(page)]] as const) : []),
      ...(config.pageSizeParam ? ([[config.pageSizeParam, String(config.pageSize)]] as const) : []),
    ],
    withStreamParams: true,
    vars: { page: String(page), page_size: String(config.pageSize) },
  });
  return {
    firstRequest: request,
    update: (result) => {
      last = result.records;
      if (config.totalPagesPath) {
        const t = Number(valueAtPath(result.body, config.totalPagesPath));
        totalPages = Number.isFinite(t) ? t : undefined;
      }
    },
    hasMore: () => {
      if (last === 0) return false;
      const pagesRead = page - config.start + 1;
      return totalPages !== undefined ? pagesRead < totalPages : last >= config.pageSize;
    },
    nextRequest: () => {
      page += 1;
      return request();
    },
  };
}

function single(): Pagination {
  return {
    firstRequest: () => ({ params: [], withStreamParams: true, vars: {} }),
    update: () => undefined,
    hasMore: () => false,
    nextRequest: () => {
      throw new HrflowError('internal', 'a stream without pagination has no next page');
    },
  };
}

function pageSizeVars(pageSize: number | undefined): Record<string, string> {
  return pageSize === undefined ? {} : { page_size: String(pageSize) };
}

function assertNever(value: never): never {
  throw new HrflowError('internal', `unhandled pagination ${JSON.stringify(value)}`);
}
