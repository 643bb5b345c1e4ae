/**
 * What one user may see of one table, decided from the policies in `serve.policies`: which row
 * filters bind them, which columns are masked (by PII tag), and the smallest group a breakdown
 * may show. Pure: the caller supplies the table's columns and their tags.
 */
import type { PiiTag } from '../../engine/project/nodes.js';
import type { AttributeValue, PolicySettings } from '../config/serve-config.js';
import type { User } from '../auth/user.js';

/** A table's columns, each with its PII tag when it has one. */
export type TableColumns = ReadonlyMap<string, PiiTag | undefined>;

export interface BoundRowFilter {
  /** The rule's name, for audit and `policy check`. */
  readonly rule: string;
  readonly column: string;
  /** Rows pass when the column equals one of these; none means no rows. */
  readonly values: readonly (string | number)[];
}

export interface MaskedColumn {
  readonly tag: PiiTag;
  /** May be a breakdown dimension (with suppression), never a row value or a filter. */
  readonly aggregatesAllowed: boolean;
}

export type TableAccess =
  | {
      readonly kind: 'allowed';
      readonly table: string;
      readonly admin: boolean;
      readonly rowFilters: readonly BoundRowFilter[];
      readonly masked: ReadonlyMap<string, MaskedColumn>;
      /** 1 for admins: they may read rows anyway. */
      readonly minGroupSize: number;
    }
  | { readonly kind: 'denied'; readonly table: string; readonly reason: string };

/** True when the user belongs to an admin group. */
export function isAdmin(user: User, policies: PolicySettings): boolean {
  return user.groups.some((g) => policies.adminGroups.includes(g));
}

/** The user's access to `table` (`schema.table`) with the given columns. */
export function accessTo(
  user: User,
  table: string,
  columns: TableColumns,
  policies: PolicySettings,
): TableAccess {
  if (isAdmin(user, policies)) {
    return {
      kind: 'allowed',
      table,
      admin: true,
      rowFilters: [],
      masked: new Map(),
      minGroupSize: 1,
    };
  }

  const rowFilters: BoundRowFilter[] = [];
  for (const rule of policies.rowFilters) {
    if (!rule.groups.some((g) => user.groups.includes(g))) continue;
    if (columns.has(rule.column)) {
      rowFilters.push({
        rule: rule.name,
        column: rule.column,
        values: attributeList(user.attributes[rule.attribute]),
      });
    } else if (!rule.exceptTables.includes(table)) {
      return {
        kind: 'denied',
        table,
        reason: `row filter '${rule.name}' needs column ${rule.column}, which ${table} lacks`,
      };
    }
  }

  const masked = new Map<string, MaskedColumn>();
  for (const [column, tag] of columns) {
    if (tag === undefined) continue;
    const rules = policies.columnMasks.filter(
      (m) => m.pii.includes(tag) && !m.exceptGroups.some((g) => user.groups.includes(g)),
    );
    if (rules.length === 0) continue;
    masked.set(column, { tag, aggregatesAllowed: rules.every((r) => r.allowAggregates) });
  }

  return {
    kind: 'allowed',
    table,
    admin: false,
    rowFilters,
    masked,
    minGroupSize: policies.minGroupSize,
  };
}

function attributeList(value: AttributeValue | undefined): (string | number)[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as (string | number)[])] : [value as string | number];
}
