/**
 * From one API record to one bronze row (or one quarantine row): schema check, primary key,
 * canonical payload and its hash, effective date and entry moment.
 */
import { canonicalJson, sha256Hex } from '../records/canonical-json.js';
import { scalarText, valueAtPath } from '../records/record-selector.js';
import type { RecordValidator } from '../records/record-validator.js';
import type { ResolvedStream } from '../spec/resolved-source.js';
import { renderTemplate } from '../spec/template.js';
import type { BronzeRow, QuarantineRow } from '../landing/landing.js';
import type { Lookup } from './request-builder.js';

export type BuiltRecord =
  | { readonly kind: 'row'; readonly row: BronzeRow }
  | { readonly kind: 'quarantine'; readonly row: QuarantineRow };

export interface RecordContext {
  readonly stream: ResolvedStream;
  readonly validator: RecordValidator;
  /** Answers parameters, window bounds and `parent.<path>`; `record.<path>` is added here. */
  readonly lookup: Lookup;
  readonly parent: unknown;
  readonly pulledAtMs: number;
  readonly endpoint: string;
}

export function buildRecord(record: unknown, ctx: RecordContext): BuiltRecord {
  const payload = canonicalJson(record);
  const lookup: Lookup = (name) =>
    name.startsWith('record.')
      ? scalarText(valueAtPath(record, name.slice(7).split('.')))
      : ctx.lookup(name);
  const sourceId = primaryKey(record, ctx, lookup);
  const quarantine = (reason: string): BuiltRecord => ({
    kind: 'quarantine',
    row: { sourceId, pulledAtMs: ctx.pulledAtMs, endpoint: ctx.endpoint, reason, payload },
  });

  const invalid = ctx.validator.check(record);
  if (invalid) return quarantine(invalid);
  if (sourceId === undefined) {
    return quarantine(`primary key (${describeKey(ctx.stream)}) is missing or empty`);
  }
  return {
    kind: 'row',
    row: {
      sourceId,
      pulledAtMs: ctx.pulledAtMs,
      payload,
      payloadHash: sha256Hex(payload),
      effectiveDate:
        ctx.stream.effectiveDate &&
        dateOnly(renderTemplate(ctx.stream.effectiveDate, lookup, undefined, true)),
      enteredAtMs:
        ctx.stream.enteredAt &&
        moment(renderTemplate(ctx.stream.enteredAt, lookup, undefined, true)),
    },
  };
}

function primaryKey(record: unknown, ctx: RecordContext, lookup: Lookup): string | undefined {
  const parts: string[] = [];
  for (const part of ctx.stream.primaryKey) {
    let value: string | undefined;
    switch (part.kind) {
      case 'field':
        value = scalarText(valueAtPath(record, part.path));
        break;
      case 'parent':
        value = scalarText(valueAtPath(ctx.parent, part.path));
        break;
      case 'template':
        value = renderTemplate(part.template, lookup, undefined, true);
        break;
      default: {
        const never: never = part;
        return never;
      }
    }
    if (value === undefined || value === '') return undefined;
    parts.push(value);
  }
  return parts.join('|');
}

function describeKey(stream: ResolvedStream): string {
  return stream.primaryKey
    .map((p) =>
      p.kind === 'template'
        ? p.template.source
        : `${p.kind === 'parent' ? '$parent.' : ''}${p.path.join('.')}`,
    )
    .join(', ');
}

/**
 * The calendar date at the start of `text`. Workday writes dates with an offset
 * (`2025-04-01-07:00`); converting that to UTC could move the day, so the offset is dropped.
 */
export function dateOnly(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(text.trim());
  return match ? match[1] : undefined;
}

function moment(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
