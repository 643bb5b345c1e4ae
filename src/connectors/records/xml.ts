/**
 * A small XML reader for SOAP and RaaS responses: elements, attributes, text, CDATA, comments,
 * processing instructions and the five named plus numeric character references. No DTDs, no
 * external entities (so nothing to exploit). The result is plain data:
 *
 * - namespace prefixes are dropped (`wd:Worker` → `Worker`; `xmlns` attributes are skipped);
 * - an element with only text becomes that string; an empty one becomes `''`;
 * - attributes become `@name` keys and mixed text `#text`;
 * - repeated child names become arrays, in document order.
 */
import { HrflowError } from '../../core/errors.js';

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

/** Parses a document into its root element's value, keyed by the root's local name. */
export function parseXml(text: string): XmlObject {
  const parser = new Reader(text);
  parser.skipMisc();
  const root = parser.element();
  parser.skipMisc();
  if (!parser.done()) parser.fail('content after the root element');
  return { [root.name]: root.value };
}

interface Element {
  readonly name: string;
  readonly value: XmlValue;
}

class Reader {
  #i = 0;

  constructor(private readonly s: string) {}

  done(): boolean {
    return this.#i >= this.s.length;
  }

  fail(what: string): never {
    throw new HrflowError('source-record-invalid', `malformed XML at offset ${this.#i}: ${what}`);
  }

  /** Skips whitespace, comments, processing instructions and a doctype. */
  skipMisc(): void {
    for (;;) {
      while (this.#i < this.s.length && /\s/.test(this.s[this.#i] ?? '')) this.#i += 1;
      if (this.s.startsWith('<?', this.#i)) this.#skipPast('?>');
      else if (this.s.startsWith('<!--', this.#i)) this.#skipPast('-->');
      else if (this.s.startsWith('<!DOCTYPE', this.#i)) this.#skipPast('>');
      else return;
    }
  }

  element(): Element {
    if (this.s[this.#i] !== '<') this.fail('expected an element');
    this.#i += 1;
    const qname = this.#name();
    const attrs: [string, string][] = [];
    for (;;) {
      this.#space();
      const ch = this.s[this.#i];
      if (ch === '/' && this.s[this.#i + 1] === '>') {
        this.#i += 2;
        return { name: local(qname), value: build(attrs, [], '') };
      }
      if (ch === '>') {
        this.#i += 1;
        break;
      }
      const attr = this.#name();
      this.#space();
      if (this.s[this.#i] !== '=') this.fail(`expected = after attribute ${attr}`);
      this.#i += 1;
      this.#space();
      const quote = this.s[this.#i];
      if (quote !== '"' && quote !== "'") this.fail('expected a quoted attribute value');
      const end = this.s.indexOf(quote, this.#i + 1);
      if (end < 0) this.fail('unterminated attribute value');
      const value = decodeEntities(this.s.slice(this.#i + 1, end));
      this.#i = end + 1;
      if (attr !== 'xmlns' && !attr.startsWith('xmlns:')) attrs.push([local(attr), value]);
    }

    const children: Element[] = [];
    let text = '';
    for (;;) {
      if (this.done()) this.fail(`unclosed element ${qname}`);
      if (this.s.startsWith('</', this.#i)) {
        this.#i += 2;
        const closing = this.#name();
        if (closing !== qname) this.fail(`</${closing}> closes <${qname}>`);
        this.#space();
        if (this.s[this.#i] !== '>') this.fail('expected >');
        this.#i += 1;
        return { name: local(qname), value: build(attrs, children, text) };
      }
      if (this.s.startsWith('<![CDATA[', this.#i)) {
        const end = this.s.indexOf(']]>', this.#i);
        if (end < 0) this.fail('unterminated CDATA');
        text += this.s.slice(this.#i + 9, end);
        this.#i = end + 3;
      } else if (this.s.startsWith('<!--', this.#i)) {
        this.#skipPast('-->');
      } else if (this.s.startsWith('<?', this.#i)) {
        this.#skipPast('?>');
      } else if (this.s[this.#i] === '<') {
        children.push(this.element());
      } else {
        const next = this.s.indexOf('<', this.#i);
        const end = next < 0 ? this.s.length : next;
        text += decodeEntities(this.s.slice(this.#i, end));
        this.#i = end;
      }
    }
  }

  #name(): string {
    const start = this.#i;
    while (this.#i < this.s.length && /[^\s/>=<"']/.test(this.s[this.#i] ?? '')) this.#i += 1;
    if (this.#i === start) this.fail('expected a name');
    return this.s.slice(start, this.#i);
  }

  #space(): void {
    while (this.#i < this.s.length && /\s/.test(this.s[this.#i] ?? '')) this.#i += 1;
  }

  #skipPast(marker: string): void {
    const end = this.s.indexOf(marker, this.#i);
    if (end < 0) this.fail(`expected ${marker}`);
    this.#i = end + marker.length;
  }
}

function build(
  attrs: readonly [string, string][],
  children: readonly Element[],
  text: string,
): XmlValue {
  const trimmed = text.trim();
  if (attrs.length === 0 && children.length === 0) return trimmed;
  const out: XmlObject = {};
  for (const [name, value] of attrs) out[`@${name}`] = value;
  for (const child of children) {
    // An element's own value is never an array, so an array here is a run of siblings.
    const existing = out[child.name];
    if (existing === undefined) out[child.name] = child.value;
    else if (Array.isArray(existing)) existing.push(child.value);
    else out[child.name] = [existing, child.value];
  }
  if (trimmed) out['#text'] = trimmed;
  return out;
}

function local(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (match, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? match;
  });
}
