/** `hrflow docs generate | serve | lineage`: the project's documentation site and column lineage. */
import { join, relative } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { HrflowError } from '../../core/errors.js';
import { writeJson, writeManifestArtifact } from '../../engine/artifacts/write-artifacts.js';
import { catalogJson } from '../../engine/catalog.js';
import { prepare } from '../../engine/invoke.js';
import { loadSettings } from '../../engine/project/settings.js';
import { readArtifacts } from '../../docs/artifacts.js';
import { columnLineage } from '../../docs/column-query.js';
import { generateDocs } from '../../docs/generate-docs.js';
import { formatTree } from '../../docs/lineage/lineage-tree.js';
import { serveSite } from '../../docs/serve-site.js';
import type { CommandContext, CommandDefinition } from '../context.js';
import { projectLoadOptions } from '../project-options.js';
import { openWarehouseReader } from '../server-handoff.js';

const docs: CommandDefinition = (program, invokeCommand) => {
  const group = program.command('docs').description('project documentation and column lineage');

  group
    .command('generate')
    .description(
      'write manifest.json, catalog.json and a static documentation site under target/docs',
    )
    .option('--no-catalog', 'leave the warehouse closed and keep an existing catalog.json')
    .action(async (_o: unknown, cmd: Command) => {
      await invokeCommand(cmd, async (context: CommandContext) => {
        const { io, globals, logger } = context;
        const opts = cmd.opts<{ catalog: boolean }>();
        const { project, manifest } = prepare({ ...projectLoadOptions(globals, io.env), logger });
        const targetDir = join(project.settings.root, project.settings.paths.target);
        writeManifestArtifact(targetDir, manifest);
        if (opts.catalog) {
          const reader = await openWarehouseReader(context, project.settings);
          try {
            const catalog = await catalogJson(manifest, reader.executor, new Date());
            writeJson(targetDir, 'catalog.json', catalog);
          } finally {
            await reader.close();
          }
        }
        const site = await generateDocs(manifest, targetDir);
        const { traced, partial, untraced } = site.lineage;
        logger.info(
          'docs-generated',
          `wrote ${join(relative(project.settings.root, site.dir) || '.', 'index.html')}: ` +
            `${site.pages} pages; column lineage of ${traced + partial + untraced} models ` +
            `(${traced} complete, ${partial} partial, ${untraced} not traced)`,
        );
        return { failures: 0 };
      });
    });

  group
    .command('serve')
    .description('serve target/docs over HTTP (loopback only unless --host says otherwise)')
    .addOption(new Option('--port <n>', 'port to listen on').default(8080).argParser(port))
    .addOption(new Option('--host <address>', 'address to listen on').default('127.0.0.1'))
    .action(async (_o: unknown, cmd: Command) => {
      await invokeCommand(cmd, async ({ io, globals, logger }: CommandContext) => {
        const opts = cmd.opts<{ port: number; host: string }>();
        const settings = loadSettings(projectLoadOptions(globals, io.env));
        const dir = join(settings.root, settings.paths.target, 'docs');
        const server = await serveSite(dir, opts.port, opts.host);
        logger.info('docs-serving', `serving ${dir} at ${server.url} (Ctrl-C stops)`);
        await new Promise<void>((stop) => {
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
        return { failures: 0 };
      });
    });

  group
    .command('lineage')
    .description('print the upstream columns of one column, down to sources and seeds')
    .requiredOption('--column <name>', 'schema.model.column, model.column or source.table.column')
    .option('--json', 'print the tree as JSON')
    .action(async (_o: unknown, cmd: Command) => {
      await invokeCommand(cmd, async ({ io, globals, logger }: CommandContext) => {
        const opts = cmd.opts<{ column: string; json?: boolean }>();
        const { project, manifest } = prepare({ ...projectLoadOptions(globals, io.env), logger });
        const targetDir = join(project.settings.root, project.settings.paths.target);
        writeManifestArtifact(targetDir, manifest);
        const artifacts = readArtifacts(targetDir, project.settings.paths.target);
        const { tree, labels } = await columnLineage(manifest, artifacts, opts.column);
        if (opts.json) {
          io.stdout(`${JSON.stringify(tree, null, 2)}\n`);
        } else {
          io.stdout(formatTree(tree, (id) => labels.get(id) ?? id));
        }
        return { failures: 0 };
      });
    });
};

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) {
    throw new HrflowError('usage-invalid', `expected a port number (0 to 65535), got '${value}'`);
  }
  return n;
}

export const DOCS_COMMANDS: readonly CommandDefinition[] = [docs];
