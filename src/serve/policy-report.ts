/**
 * `hrflow policy check --user <name>`: for one user, what the policies leave visible of each
 * table the dashboards can read and each gold model (rows filter, masked columns, suppression).
 * Pure over the columns it is given; the command gathers them from the manifest, the dataset
 * declarations and, when it can open it, the warehouse.
 */
import type { User } from './auth/user.js';
import type { PolicySettings } from './config/serve-config.js';
import { accessTo } from './governance/access.js';
import type { TableColumns } from './governance/access.js';

export function policyReport(
  user: User,
  tables: ReadonlyMap<string, TableColumns>,
  policies: PolicySettings,
): string {
  const lines = [`Policy check for ${user.name} (groups: ${user.groups.join(', ') || 'none'})`, ''];
  for (const table of [...tables.keys()].sort()) {
    const columns = tables.get(table) ?? new Map();
    const access = accessTo(user, table, columns, policies);
    lines.push(table);
    if (access.kind === 'denied') {
      lines.push(`  access:      refused (${access.reason})`, '');
      continue;
    }
    if (access.admin) {
      lines.push('  access:      everything (admin group)', '');
      continue;
    }
    const rows =
      access.rowFilters.length === 0
        ? 'all rows'
        : access.rowFilters
            .map((f) =>
              f.values.length === 0
                ? `none (${f.column}: the user has no values) [${f.rule}]`
                : `${f.column} in (${f.values.map((v) => `'${String(v)}'`).join(', ')}) [${f.rule}]`,
            )
            .join(' and ');
    const masked =
      access.masked.size === 0
        ? 'none'
        : [...access.masked]
            .map(([c, m]) => `${c} (${m.tag}${m.aggregatesAllowed ? ', breakdowns only' : ''})`)
            .join(', ');
    lines.push(
      `  rows:        ${rows}`,
      `  masked:      ${masked}`,
      `  suppression: breakdowns hide groups under ${access.minGroupSize} people, plus complementary cells`,
      '',
    );
  }
  return lines.join('\n');
}
