/**
 * Gathers what `hrflow policy check` needs: the user from `serve.auth.users`, every gold model
 * and every table the datasets read, and their columns with PII tags, from the manifest, the
 * dataset declarations and (when no other process holds it) the warehouse.
 */
import { HrflowError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { silentLogger } from '../core/log.js';
import { prepare } from '../engine/invoke.js';
import type { PiiTag } from '../engine/project/nodes.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { loadServeSettings } from './config/serve-config.js';
import { DATASETS } from './datasets/catalog.js';
import type { Dataset } from './datasets/dataset.js';
import { resolveTables } from './datasets/gold-tables.js';
import { policyReport } from './policy-report.js';

export interface PolicyCheckRequest {
  readonly projectDir: string;
  readonly target?: string;
  readonly vars?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly user: string;
  readonly logger?: Logger;
}

export async function checkPolicies(request: PolicyCheckRequest): Promise<string> {
  const logger = request.logger ?? silentLogger;
  const { project, manifest } = prepare({
    projectDir: request.projectDir,
    ...(request.target ? { target: request.target } : {}),
    ...(request.vars ? { vars: request.vars } : {}),
    env: request.env,
  });
  const settings = project.settings;
  const serve = loadServeSettings(settings);
  const account = serve.users.find((u) => u.name === request.user);
  if (!account) {
    throw new HrflowError('usage-invalid', `no user '${request.user}' in serve.auth.users`, {
      location: { file: settings.file, yamlPath: 'serve.auth.users' },
      hint: `Use one of: ${serve.users.map((u) => u.name).join(', ') || '(none declared)'}.`,
    });
  }

  const tables = new Map<string, Map<string, PiiTag | undefined>>();
  const add = (table: string, column: string, tag?: PiiTag): void => {
    let columns = tables.get(table);
    if (!columns) {
      columns = new Map();
      tables.set(table, columns);
    }
    if (tag !== undefined || !columns.has(column)) columns.set(column, tag ?? columns.get(column));
  };
  for (const entry of manifest.nodes.values()) {
    if (!entry.relation || entry.relation.schema !== 'gold' || !('columns' in entry.node)) continue;
    const key = `${entry.relation.schema}.${entry.relation.identifier}`;
    tables.set(key, tables.get(key) ?? new Map<string, PiiTag | undefined>());
    for (const [name, column] of Object.entries(entry.node.columns)) add(key, name, column.pii);
  }
  const physical = resolveTables(serve.tables);
  for (const dataset of DATASETS) {
    const table = physical[dataset.table];
    if (!table) continue;
    for (const column of columnsOf(dataset)) add(table, column, dataset.pii?.[column]);
  }
  await addWarehouseColumns(settings.target.path, settings.catalog, tables, add, logger);

  return policyReport(
    { name: account.name, groups: account.groups, attributes: account.attributes, via: 'session' },
    tables,
    serve.policies,
  );
}

function columnsOf(dataset: Dataset): string[] {
  if (dataset.kind === 'rows') {
    return [dataset.key, dataset.orderBy, ...Object.values(dataset.columns).map((c) => c.column)];
  }
  const out = [
    ...Object.values(dataset.dimensions).flatMap((d) => [
      d.column,
      ...(d.orderBy ? [d.orderBy] : []),
    ]),
    ...Object.values(dataset.measures).flatMap((m) => [
      ...(m.kind === 'count' ? [] : [m.column]),
      ...(m.where ? [m.where.column] : []),
    ]),
    ...Object.values(dataset.filters).map((f) => f.column),
    ...(dataset.scope ? [dataset.scope.column] : []),
  ];
  return [...new Set(out)];
}

/** Adds the real columns of tables already listed, when the warehouse can be read. */
async function addWarehouseColumns(
  path: string,
  catalog: string,
  tables: Map<string, Map<string, PiiTag | undefined>>,
  add: (table: string, column: string) => void,
  logger: Logger,
): Promise<void> {
  let warehouse: Warehouse | undefined;
  try {
    warehouse = await Warehouse.open({ path, catalog, readOnly: true });
    const rows = await warehouse.withSession((s) =>
      s.query<{ t: string; c: string }>(
        `SELECT table_schema || '.' || table_name AS t, column_name AS c
         FROM information_schema.columns WHERE table_catalog = $1`,
        [catalog],
      ),
    );
    for (const row of rows) if (tables.has(row.t)) add(row.t, row.c);
  } catch (error) {
    logger.info(
      'policy-check-manifest-only',
      `columns come from the manifest and datasets only (${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    await warehouse?.close();
  }
}
