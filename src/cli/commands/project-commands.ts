/** `hrflow ls | debug | clean | source freshness`. */
import { existsSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { HrflowError } from '../../core/errors.js';
import { writeJson } from '../../engine/artifacts/write-artifacts.js';
import { checkFreshness, sourcesJson } from '../../engine/freshness.js';
import { prepare } from '../../engine/invoke.js';
import { openWarehouseReader } from '../server-handoff.js';
import type { ResourceType } from '../../engine/project/nodes.js';
import { loadSettings } from '../../engine/project/settings.js';
import { selectForCommand } from '../../engine/select-for-command.js';
import type { CommandContext, CommandDefinition } from '../context.js';
import { projectLoadOptions } from '../project-options.js';
import { selectionOptions } from './engine-commands.js';

const ALL_TYPES: readonly ResourceType[] = [
  'model',
  'seed',
  'snapshot',
  'test',
  'source',
  'exposure',
];

interface SelectionFlags {
  readonly select?: string[];
  readonly exclude?: string[];
  readonly selector?: string;
  readonly state?: string;
}

function selection(flags: SelectionFlags) {
  return {
    ...(flags.select ? { select: flags.select } : {}),
    ...(flags.exclude ? { exclude: flags.exclude } : {}),
    ...(flags.selector ? { selector: flags.selector } : {}),
    ...(flags.state ? { state: flags.state } : {}),
  };
}

const ls: CommandDefinition = (program, invokeCommand) => {
  selectionOptions(program.command('ls').alias('list').description('list the selected resources'))
    .addOption(
      new Option('--resource-type <type...>', 'only these resource types').choices([...ALL_TYPES]),
    )
    .addOption(
      new Option('--output <format>', 'how to print each node')
        .choices(['selector', 'name', 'path', 'json'])
        .default('selector'),
    )
    .action(async (_o: unknown, cmd: Command) => {
      await invokeCommand(cmd, ({ io, globals, logger }: CommandContext) => {
        const opts = cmd.opts<SelectionFlags & { resourceType?: ResourceType[]; output: string }>();
        const { manifest } = prepare({ ...projectLoadOptions(globals, io.env), logger });
        const ids = selectForCommand(manifest, {
          resourceTypes: opts.resourceType ?? ALL_TYPES,
          ...selection(opts),
        });
        for (const id of [...ids].sort()) {
          const entry = manifest.nodes.get(id);
          if (!entry) continue;
          const node = entry.node;
          const line =
            opts.output === 'name'
              ? node.name
              : opts.output === 'path'
                ? node.path
                : opts.output === 'json'
                  ? JSON.stringify({
                      unique_id: id,
                      name: node.name,
                      resource_type: node.kind,
                      original_file_path: node.path,
                      config: entry.config,
                      tags: node.tags,
                      depends_on: { nodes: entry.dependsOn },
                    })
                  : node.kind === 'source'
                    ? `source:${node.fqn.join('.')}`
                    : node.fqn.join('.');
          io.stdout(`${line}\n`);
        }
        return Promise.resolve({ failures: 0 });
      });
    });
};

const debug: CommandDefinition = (program, invokeCommand) => {
  program
    .command('debug')
    .description('check the project, the target and the warehouse connection')
    .action(async (_o: unknown, cmd: Command) => {
      await invokeCommand(cmd, async (context: CommandContext) => {
        const { io, globals } = context;
        const settings = loadSettings(projectLoadOptions(globals, io.env));
        const out = (k: string, v: string): void => io.stdout(`  ${k.padEnd(14)} ${v}\n`);
        io.stdout(
          `hrflow project '${settings.name}' (${settings.flavor === 'dbt' ? 'dbt project' : settings.file})\n`,
        );
        out('root', settings.root);
        out('target', `${settings.target.name} (of ${settings.targetNames.join(', ')})`);
        out('adapter', settings.target.adapter);
        out('warehouse', settings.target.path);
        out('catalog', settings.catalog);
        out('schema', settings.target.schema);
        out('threads', String(settings.target.threads));
        if (settings.target.sandbox) out('sandbox', JSON.stringify(settings.target.sandbox));
        const { project, manifest } = prepare(projectLoadOptions(globals, io.env));
        const counts = new Map<string, number>();
        for (const e of manifest.nodes.values()) {
          counts.set(e.node.kind, (counts.get(e.node.kind) ?? 0) + 1);
        }
        out('resources', [...counts].map(([k, n]) => `${n} ${k}s`).join(', ') || 'none');
        out('macros', String(project.macros.reduce((n, f) => n + f.names.length, 0)));
        const reader = await openWarehouseReader(context, settings);
        try {
          const [row] = await reader.executor.query<{ v: string }>('SELECT version() AS v');
          out('connection', `OK (DuckDB ${row?.v ?? '?'})`);
        } finally {
          await reader.close();
        }
        io.stdout('All checks passed!\n');
        return { failures: 0 };
      });
    });
};

const clean: CommandDefinition = (program, invokeCommand) => {
  program
    .command('clean')
    .description("delete the project's clean-targets (target/ by default)")
    .action(async (_o: unknown, cmd: Command) => {
      await invokeCommand(cmd, ({ io, globals, logger }: CommandContext) => {
        const settings = loadSettings(projectLoadOptions(globals, io.env));
        for (const target of settings.cleanTargets) {
          const abs = resolve(settings.root, target);
          if (relative(settings.root, abs).startsWith('..') || abs === settings.root) {
            throw new HrflowError(
              'config-invalid',
              `refusing to delete '${target}': it is not inside the project`,
              {
                location: { file: settings.file, yamlPath: 'clean-targets' },
                hint: 'List only folders inside the project under clean-targets.',
              },
            );
          }
          if (existsSync(abs)) {
            rmSync(abs, { recursive: true, force: true });
            logger.info('cleaned', `removed ${target}`);
          }
        }
        return Promise.resolve({ failures: 0 });
      });
    });
};

const source: CommandDefinition = (program, invokeCommand) => {
  const group = program.command('source').description('work with sources');
  selectionOptions(
    group
      .command('freshness')
      .description('check how recent each source is against its freshness rules'),
  ).action(async (_o: unknown, cmd: Command) => {
    await invokeCommand(cmd, async (context: CommandContext) => {
      const { io, globals, logger } = context;
      const opts = cmd.opts<SelectionFlags>();
      const started = Date.now();
      const { project, manifest } = prepare({ ...projectLoadOptions(globals, io.env), logger });
      const ids = selectForCommand(manifest, { resourceTypes: ['source'], ...selection(opts) });
      const reader = await openWarehouseReader(context, project.settings);
      try {
        const results = await checkFreshness(manifest, ids, reader.executor);
        for (const r of results) {
          const label = `${r.source.sourceName}.${r.source.tableName}`;
          io.stderr(`  ${r.status.toUpperCase().padEnd(13)} ${label.padEnd(40)} ${r.message}\n`);
        }
        const targetDir = join(project.settings.root, project.settings.paths.target);
        writeJson(
          targetDir,
          'sources.json',
          sourcesJson(
            results,
            manifest.invocation.invocationId,
            new Date(),
            (Date.now() - started) / 1000,
          ),
        );
        if (results.length === 0) {
          logger.warn(
            'freshness-none',
            'no selected source declares freshness with a loaded_at_field',
          );
        }
        return {
          failures: results.filter((r) => r.status === 'error' || r.status === 'runtime error')
            .length,
        };
      } finally {
        await reader.close();
      }
    });
  });
};

export const PROJECT_COMMANDS: readonly CommandDefinition[] = [ls, debug, clean, source];
