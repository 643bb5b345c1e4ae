/**
 * Builds the HTTP request for one page of a stream: base URL and path, the stream's parameters
 * and filters (first page only for cursor styles that forbid them), template variables for
 * paths and bodies, each value escaped for where it lands.
 */
import type { HttpRequest } from '../http/http-types.js';
import type { PageRequest } from '../pagination/pagination.js';
import type { ResolvedSource, ResolvedStream } from '../spec/resolved-source.js';
import { escapeJsonString, escapeXml, renderTemplate } from '../spec/template.js';
import type { Escape, Template } from '../spec/template.js';

/** Answers template names: parameters, window bounds, `parent.<path>`, page variables. */
export type Lookup = (name: string) => string | undefined;

export function buildRequest(
  source: ResolvedSource,
  stream: ResolvedStream,
  page: PageRequest,
  lookup: Lookup,
  extraParams: readonly (readonly [string, Template])[],
): HttpRequest {
  const vars: Lookup = (name) => page.vars[name] ?? lookup(name);
  const text = (t: Template, escape?: Escape): string => renderTemplate(t, vars, escape);
  const headers: Record<string, string> = {
    accept: stream.records.format === 'xml' ? 'text/xml, application/xml' : 'application/json',
  };
  for (const [name, t] of source.headers) headers[name.toLowerCase()] = text(t);
  for (const [name, t] of stream.headers) headers[name.toLowerCase()] = text(t);

  if (page.url !== undefined) return { method: 'GET', url: page.url, headers };

  const query = new URLSearchParams();
  if (page.withStreamParams) {
    for (const [name, t] of stream.params) query.append(name, text(t));
    for (const [name, t] of extraParams) query.append(name, text(t));
  }
  for (const [name, value] of page.params) query.set(name, value);
  const qs = query.toString();
  const url = `${source.baseUrl}${text(stream.path, encodeURIComponent)}${qs ? `?${qs}` : ''}`;

  if (!stream.body) return { method: stream.method, url, headers };
  const escape: Escape =
    stream.body.format === 'xml'
      ? escapeXml
      : stream.body.format === 'json'
        ? escapeJsonString
        : encodeURIComponent;
  headers['content-type'] = stream.body.contentType;
  return { method: stream.method, url, headers, body: text(stream.body.template, escape) };
}
