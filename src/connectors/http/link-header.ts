/** RFC 8288 `Link` header parsing, enough for `rel="next"` cursors. */

export interface Link {
  readonly url: string;
  readonly rels: readonly string[];
}

/** Every link in a `Link` header value; malformed entries are skipped. */
export function parseLinkHeader(value: string | undefined): Link[] {
  if (!value) return [];
  const links: Link[] = [];
  for (const match of value.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const url = match[1] ?? '';
    const params = match[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((r) => r.toLowerCase());
    if (url) links.push({ url, rels });
  }
  return links;
}

/** The `rel="next"` URL resolved against the request URL, or undefined on the last page. */
export function nextLink(value: string | undefined, requestUrl: string): string | undefined {
  const next = parseLinkHeader(value).find((l) => l.rels.includes('next'));
  if (!next) return undefined;
  // An absolute link is followed byte for byte: re-serialising it could re-encode the cursor.
  return /^https?:\/\//i.test(next.url) ? next.url : new URL(next.url, requestUrl).toString();
}
