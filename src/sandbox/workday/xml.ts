/**
 * Just enough XML for SOAP: a parser for request envelopes (elements, attributes, text, CDATA,
 * comments, the five named entities and numeric references; namespace prefixes are dropped) and
 * a builder that escapes text and attribute values.
 */

export interface XmlElement {
  /** Local name, without the namespace prefix. */
  readonly name: string;
  /** Attributes by local name. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated text content of this element (not of its descendants). */
  readonly text: string;
}

export class XmlError extends Error {}

/** Parses a document into its root element; throws {@link XmlError} on malformed input. */
export function parseXml(source: string): XmlElement {
  let at = 0;
  const stack: {
    name: string;
    attributes: Record<string, string>;
    children: XmlElement[];
    text: string;
  }[] = [];
  let root: XmlElement | null = null;

  while (at < source.length) {
    const lt = source.indexOf('<', at);
    if (lt === -1) {
      appendText(stack, source.slice(at));
      break;
    }
    if (lt > at) appendText(stack, source.slice(at, lt));
    if (source.startsWith('<!--', lt)) {
      at = expectEnd(source, '-->', lt) + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = expectEnd(source, ']]>', lt);
      const top = stack[stack.length - 1];
      if (top) top.text += source.slice(lt + 9, end);
      at = end + 3;
    } else if (source.startsWith('<?', lt) || source.startsWith('<!', lt)) {
      at = expectEnd(source, '>', lt) + 1;
    } else if (source.startsWith('</', lt)) {
      const end = expectEnd(source, '>', lt);
      const name = localName(source.slice(lt + 2, end).trim());
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlError(`unexpected </${name}>`);
      const element: XmlElement = { ...open };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else root = element;
      at = end + 1;
    } else {
      const end = expectEnd(source, '>', lt);
      let body = source.slice(lt + 1, end);
      const selfClosing = body.endsWith('/');
      if (selfClosing) body = body.slice(0, -1);
      const match = /^([^\s/>]+)([\s\S]*)$/.exec(body.trim());
      if (!match?.[1]) throw new XmlError('empty tag');
      const attributes: Record<string, string> = {};
      for (const attr of (match[2] ?? '').matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        attributes[localName(attr[1] ?? '')] = decodeEntities(attr[3] ?? attr[4] ?? '');
      }
      const element = {
        name: localName(match[1]),
        attributes,
        children: [] as XmlElement[],
        text: '',
      };
      if (selfClosing) {
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(element);
        else root = element;
      } else {
        stack.push(element);
      }
      at = end + 1;
    }
  }
  if (stack.length > 0 || !root) throw new XmlError('unclosed element');
  return root;
}

/** The first descendant (depth-first) with a local name, or undefined. */
export function find(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) {
    if (child.name === name) return child;
    const deeper = find(child, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Every descendant with a local name. */
export function findAll(element: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const child of element.children) {
    if (child.name === name) out.push(child);
    findAll(child, name, out);
  }
  return out;
}

/** The trimmed text of the first descendant named `name`. */
export function textOf(element: XmlElement, name: string): string | undefined {
  const found = find(element, name);
  return found ? found.text.trim() : undefined;
}

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/**
 * Builds `wd:`-prefixed markup: `el('Worker_ID', {}, '21044')`. Children that are undefined or
 * empty are skipped, so optional sections disappear as Workday's do.
 */
export function el(
  name: string,
  attributes: Readonly<Record<string, string | undefined>> = {},
  ...children: readonly (string | undefined | false)[]
): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` wd:${key}="${escapeXml(value)}"`)
    .join('');
  const body = children.filter((c): c is string => typeof c === 'string').join('');
  return `<wd:${name}${attrs}>${body}</wd:${name}>`;
}

/** A text element, or undefined when the value is missing. */
export function leaf(
  name: string,
  value: string | number | boolean | null | undefined,
): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return `<wd:${name}>${escapeXml(text)}</wd:${name}>`;
}

function appendText(stack: { text: string }[], text: string): void {
  const top = stack[stack.length - 1];
  if (top) top.text += decodeEntities(text);
}

function expectEnd(source: string, token: string, from: number): number {
  const end = source.indexOf(token, from);
  if (end === -1) throw new XmlError(`missing ${token}`);
  return end;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, entity: string) => {
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'amp') return '&';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    const code = entity.startsWith('#x')
      ? parseInt(entity.slice(2), 16)
      : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}
