/**
 * `{name}` placeholders in spec strings. A template is parsed once into literal and placeholder
 * parts; rendering looks each name up through a function, so the same template serves query
 * parameters, paths, XML bodies and per-record columns with their own escaping.
 */
import { HrflowError } from '../../core/errors.js';

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'var'; readonly name: string };

export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

/** How a value is written into the surrounding text. */
export type Escape = (value: string) => string;

const NAME = /^[A-Za-z_$][A-Za-z0-9_.$-]*$/;

/** Parses `text`; `where` names the spec location in errors. */
export function parseTemplate(text: string, where: string): Template {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '{' && text[i + 1] === '{') {
      literal += '{';
      i += 2;
    } else if (ch === '}' && text[i + 1] === '}') {
      literal += '}';
      i += 2;
    } else if (ch === '{') {
      const end = text.indexOf('}', i);
      const name = end < 0 ? '' : text.slice(i + 1, end).trim();
      if (end < 0 || !NAME.test(name)) {
        throw new HrflowError('source-spec-invalid', `${where}: bad placeholder in '${text}'`, {
          hint: 'Placeholders look like {name} or {parent.id}; write {{ and }} for literal braces.',
        });
      }
      if (literal) parts.push({ kind: 'text', text: literal });
      literal = '';
      parts.push({ kind: 'var', name });
      i = end + 1;
    } else {
      literal += ch;
      i += 1;
    }
  }
  if (literal) parts.push({ kind: 'text', text: literal });
  return { source: text, parts };
}

/** The placeholder names a template uses. */
export function templateNames(template: Template): string[] {
  return template.parts.flatMap((p) => (p.kind === 'var' ? [p.name] : []));
}

/** True when the template is plain text. */
export function isConstant(template: Template): boolean {
  return template.parts.every((p) => p.kind === 'text');
}

/**
 * Renders with `lookup`; a name it cannot answer (undefined) renders as the empty string when
 * `lenient`, otherwise throws an internal-facing spec error.
 */
export function renderTemplate(
  template: Template,
  lookup: (name: string) => string | undefined,
  escape: Escape = (v) => v,
  lenient = false,
): string {
  let out = '';
  for (const part of template.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = lookup(part.name);
    if (value === undefined && !lenient) {
      throw new HrflowError(
        'source-spec-invalid',
        `no value for {${part.name}} in '${template.source}'`,
        { hint: 'Use a declared parameter or one of the runtime placeholders.' },
      );
    }
    out += escape(value ?? '');
  }
  return out;
}

/** Escapes a value for XML text and attribute content. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Escapes a value for the inside of a JSON string literal. */
export function escapeJsonString(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
