/**
 * Values templates receive: relations that print as quoted three-part names and expose dbt's
 * attributes, a timestamp that knows `strftime`, and helpers for Nunjucks' keyword arguments.
 */
import type { Dialect } from '../adapters/adapter.js';
import type { Relation } from '../relation.js';

/** A relation as templates see it: `{{ ref('x') }}` prints it; `.schema`, `.identifier` read it. */
export class RelationValue {
  readonly database: string;
  readonly schema: string;
  readonly identifier: string;
  readonly name: string;
  readonly type: string;

  constructor(
    readonly relation: Relation,
    private readonly dialect: Dialect,
    /** Ephemeral models render as their CTE name instead of a three-part name. */
    private readonly cteName?: string,
    type = 'table',
  ) {
    this.database = relation.catalog;
    this.schema = relation.schema;
    this.identifier = relation.identifier;
    this.name = relation.identifier;
    this.type = type;
  }

  toString(): string {
    return this.cteName ?? this.dialect.renderRelation(this.relation);
  }

  render(): string {
    return this.toString();
  }

  /** dbt's `relation.include(database=False)` and friends. */
  include(options: { database?: boolean; schema?: boolean; identifier?: boolean } = {}): string {
    if (this.cteName) return this.cteName;
    const parts: string[] = [];
    if (options.database !== false) parts.push(this.dialect.quoteIdent(this.database));
    if (options.schema !== false) parts.push(this.dialect.quoteIdent(this.schema));
    if (options.identifier !== false) parts.push(this.dialect.quoteIdent(this.identifier));
    return parts.join('.');
  }

  incorporate(): RelationValue {
    return this;
  }
}

/** `run_started_at`: prints as ISO-8601 and answers the Python datetime methods dbt projects use. */
export class TimestampValue {
  constructor(readonly date: Date) {}

  toString(): string {
    return this.date.toISOString();
  }

  isoformat(): string {
    return this.date.toISOString();
  }

  timestamp(): number {
    return this.date.getTime() / 1000;
  }

  /** The C-style directives `%Y %m %d %H %M %S %f %j`. */
  strftime(format: string): string {
    const d = this.date;
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    const start = Date.UTC(d.getUTCFullYear(), 0, 1);
    const directives: Record<string, string> = {
      Y: String(d.getUTCFullYear()),
      m: pad(d.getUTCMonth() + 1),
      d: pad(d.getUTCDate()),
      H: pad(d.getUTCHours()),
      M: pad(d.getUTCMinutes()),
      S: pad(d.getUTCSeconds()),
      f: pad(d.getUTCMilliseconds() * 1000, 6),
      j: pad(Math.floor((d.getTime() - start) / 86_400_000) + 1, 3),
      '%': '%',
    };
    return format.replace(/%([YmdHMSfj%])/g, (_m, c: string) => directives[c] ?? '');
  }
}

/** Splits Nunjucks call arguments into positional values and the keyword object. */
export function splitArgs(args: readonly unknown[]): {
  positional: unknown[];
  keywords: Record<string, unknown>;
} {
  const last = args[args.length - 1];
  if (last && typeof last === 'object' && (last as Record<string, unknown>).__keywords === true) {
    const { __keywords: _k, ...keywords } = last as Record<string, unknown>;
    return { positional: args.slice(0, -1), keywords };
  }
  return { positional: [...args], keywords: {} };
}
