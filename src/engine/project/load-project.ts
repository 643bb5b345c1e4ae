/**
 * Loading: read every file of a project into readonly nodes. Nothing here renders a model or
 * touches the warehouse; a problem is reported with the file and, for YAML, line and path.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HrflowError } from '../../core/errors.js';
import { readYaml, validateYaml } from '../../core/yaml-file.js';
import type { YamlFile } from '../../core/yaml-file.js';
import { macroNamesIn } from '../compile/template-engine.js';
import { asStrings, folderConfigFor, mergeConfig } from './folder-config.js';
import { genericTestNode } from './generic-tests.js';
import { nodeId } from './nodes.js';
import { baseName, folders, walkProjectFolder } from './project-files.js';
import type { ProjectFile } from './project-files.js';
import { columnSpecs, toFreshness, toMetric } from './properties-file.js';
import type { ColumnProperties, PropertiesFile, ResourceProperties } from './properties-file.js';
import type {
  ColumnSpec,
  DocBlock,
  ExposureNode,
  MacroFile,
  ModelNode,
  NodeConfig,
  NodeId,
  ProjectNode,
  SnapshotNode,
  SourceNode,
} from './nodes.js';
import { schema } from './schemas.js';
import { loadSettings } from './settings.js';
import type { ProjectSettings, SettingsRequest } from './settings.js';

/** A loaded project: settings plus every node, macro and doc block. */
export interface Project {
  readonly settings: ProjectSettings;
  readonly nodes: ReadonlyMap<NodeId, ProjectNode>;
  readonly macros: readonly MacroFile[];
  readonly docs: ReadonlyMap<string, DocBlock>;
  /** Non-fatal findings, such as properties for a model that does not exist. */
  readonly warnings: readonly string[];
}

/** Sources that come from somewhere other than properties YAML (connector specs). */
export type SourceProvider = (settings: ProjectSettings) => readonly SourceNode[];

export interface LoadOptions extends SettingsRequest {
  readonly sourceProviders?: readonly SourceProvider[];
}

// Resolved from the package root so the same path works from src/ and from the built dist/.
const BUILTIN_MACROS_DIR = fileURLToPath(new URL('../../../src/engine/macros/', import.meta.url));

export function loadProject(options: LoadOptions): Project {
  const settings = loadSettings(options);
  return new ProjectLoader(settings).load(options.sourceProviders ?? []);
}

class ProjectLoader {
  readonly #nodes = new Map<NodeId, ProjectNode>();
  readonly #byName = new Map<string, ProjectNode>();
  readonly #warnings: string[] = [];
  readonly #docs = new Map<string, DocBlock>();

  constructor(readonly settings: ProjectSettings) {}

  load(providers: readonly SourceProvider[]): Project {
    const macros = [...builtinMacros(), ...this.#macroFiles()];
    for (const dir of this.settings.paths.models) this.#loadModels(dir);
    for (const dir of this.settings.paths.seeds) this.#loadSeeds(dir);
    for (const dir of this.settings.paths.snapshots) this.#loadSnapshots(dir);
    for (const dir of this.settings.paths.tests) this.#loadSingularTests(dir, macros);
    for (const dir of [...this.settings.paths.docs, ...this.settings.paths.models]) {
      this.#loadDocs(dir);
    }
    for (const provider of providers) {
      for (const source of provider(this.settings)) this.#add(source);
    }

    const propertyFiles = this.#propertyFiles();
    for (const file of propertyFiles) this.#applySources(file);
    for (const file of propertyFiles) this.#applyProperties(file);
    for (const file of propertyFiles) this.#applyExposures(file);

    return {
      settings: this.settings,
      nodes: new Map([...this.#nodes].filter(([, n]) => n.config.enabled !== false)),
      macros,
      docs: this.#docs,
      warnings: this.#warnings,
    };
  }

  #loadModels(dir: string): void {
    for (const file of this.#walk(dir, ['.sql'])) {
      const name = baseName(file.rel);
      const fqn = [this.settings.name, ...folders(file.relToDir), name];
      this.#add({
        kind: 'model',
        id: nodeId('model', this.settings.name, name),
        name,
        packageName: this.settings.name,
        path: file.rel,
        fqn,
        description: '',
        columns: {},
        config: this.#folderConfig('models', fqn, { materialized: 'view' }),
        tags: [],
        meta: {},
        rawCode: file.read(),
      });
    }
  }

  #loadSeeds(dir: string): void {
    for (const file of this.#walk(dir, ['.csv'])) {
      const name = baseName(file.rel);
      const fqn = [this.settings.name, ...folders(file.relToDir), name];
      const content = file.read();
      this.#add({
        kind: 'seed',
        id: nodeId('seed', this.settings.name, name),
        name,
        packageName: this.settings.name,
        path: file.rel,
        fqn,
        description: '',
        columns: {},
        config: this.#folderConfig('seeds', fqn, { materialized: 'seed' }),
        tags: [],
        meta: {},
        csvPath: file.abs,
        contentHash: sha256(content),
      });
    }
  }

  #loadSnapshots(dir: string): void {
    for (const file of this.#walk(dir, ['.sql'])) {
      const source = file.read();
      const blocks = [
        ...source.matchAll(
          /\{%-?\s*snapshot\s+([A-Za-z_]\w*)\s*-?%\}([\s\S]*?)\{%-?\s*endsnapshot\s*-?%\}/g,
        ),
      ];
      const entries: [string, string][] =
        blocks.length > 0
          ? blocks.map((m) => [m[1] ?? '', m[2] ?? ''])
          : [[baseName(file.rel), source]];
      for (const [name, body] of entries) {
        const fqn = [this.settings.name, ...folders(file.relToDir), name];
        this.#add(this.#snapshotNode(name, file.rel, fqn, body));
      }
    }
  }

  #snapshotNode(name: string, path: string, fqn: string[], body: string): SnapshotNode {
    return {
      kind: 'snapshot',
      id: nodeId('snapshot', this.settings.name, name),
      name,
      packageName: this.settings.name,
      path,
      fqn,
      description: '',
      columns: {},
      config: this.#folderConfig('snapshots', fqn, { materialized: 'snapshot' }),
      tags: [],
      meta: {},
      rawCode: body,
    };
  }

  #loadSingularTests(dir: string, macros: MacroFile[]): void {
    for (const file of this.#walk(dir, ['.sql'])) {
      const source = file.read();
      if (/\{%-?\s*test\s+\w+\s*\(/.test(source)) {
        // tests/generic/*.sql define generic tests, which are macros.
        macros.push({
          path: file.rel,
          packageName: this.settings.name,
          source,
          names: macroNamesIn(source),
        });
        continue;
      }
      const name = baseName(file.rel);
      const fqn = [this.settings.name, ...folders(file.relToDir), name];
      this.#add({
        kind: 'test',
        id: nodeId('test', this.settings.name, name),
        name,
        packageName: this.settings.name,
        path: file.rel,
        fqn,
        description: '',
        columns: {},
        config: this.#folderConfig('tests', fqn, { severity: 'error' }),
        tags: [],
        meta: {},
        testType: 'singular',
        rawCode: source,
      });
    }
  }

  #macroFiles(): MacroFile[] {
    const files: MacroFile[] = [];
    for (const dir of this.settings.paths.macros) {
      for (const file of this.#walk(dir, ['.sql', '.njk', '.jinja'])) {
        const source = file.read();
        files.push({
          path: file.rel,
          packageName: this.settings.name,
          source,
          names: macroNamesIn(source),
        });
      }
    }
    return files;
  }

  #loadDocs(dir: string): void {
    for (const file of this.#walk(dir, ['.md'])) {
      for (const m of file
        .read()
        .matchAll(/\{%-?\s*docs\s+([A-Za-z_]\w*)\s*-?%\}([\s\S]*?)\{%-?\s*enddocs\s*-?%\}/g)) {
        const name = m[1] ?? '';
        this.#docs.set(name, { name, path: file.rel, content: (m[2] ?? '').trim() });
      }
    }
  }

  #propertyFiles(): YamlFile<PropertiesFile>[] {
    const dirs = new Set([
      ...this.settings.paths.models,
      ...this.settings.paths.seeds,
      ...this.settings.paths.snapshots,
      ...this.settings.paths.macros,
      ...this.settings.paths.analyses,
      ...this.settings.paths.tests,
    ]);
    const out: YamlFile<PropertiesFile>[] = [];
    for (const dir of dirs) {
      for (const file of this.#walk(dir, ['.yml', '.yaml'])) {
        out.push(
          validateYaml<PropertiesFile>(
            readYaml(file.abs, file.rel),
            schema('properties'),
            'properties',
          ),
        );
      }
    }
    return out;
  }

  #applySources(file: YamlFile<PropertiesFile>): void {
    for (const [i, source] of (file.data.sources ?? []).entries()) {
      for (const [j, table] of (source.tables ?? []).entries()) {
        const fqn = [this.settings.name, source.name, table.name];
        const config = mergeConfig(
          folderConfigFor(
            this.settings.folderConfigs.sources,
            fqn,
            this.settings.flavor === 'hrflow',
          ),
          mergeConfig(source.config ?? {}, table.config ?? {}),
        );
        const freshnessRaw = 'freshness' in table ? table.freshness : source.freshness;
        const freshness =
          freshnessRaw === undefined || freshnessRaw === null
            ? undefined
            : toFreshness(freshnessRaw);
        const loadedAt = table.loaded_at_field ?? source.loaded_at_field;
        const node: SourceNode = {
          kind: 'source',
          id: nodeId('source', this.settings.name, source.name, table.name),
          name: table.name,
          packageName: this.settings.name,
          path: file.file,
          patchPath: file.file,
          fqn,
          description: this.#describe(table.description),
          sourceDescription: this.#describe(source.description),
          columns: this.#columns(table.columns),
          config: config,
          tags: [
            ...new Set([...(source.tags ?? []), ...(table.tags ?? []), ...asStrings(config.tags)]),
          ],
          meta: { ...(source.meta ?? {}), ...(table.meta ?? {}) },
          sourceName: source.name,
          tableName: table.name,
          catalog: source.catalog ?? source.database ?? this.settings.catalog,
          schema: source.schema ?? source.name,
          identifier: table.identifier ?? table.name,
          ...(loadedAt ? { loadedAtField: loadedAt } : {}),
          ...(freshness ? { freshness } : {}),
        };
        this.#add(node);
        this.#addTests(
          file,
          `sources[${i}].tables[${j}]`,
          node,
          `source('${source.name}', '${table.name}')`,
          `${source.name}_${table.name}`,
          table,
          true,
        );
      }
    }
  }

  #applyProperties(file: YamlFile<PropertiesFile>): void {
    const sections = [
      ['models', 'model'],
      ['seeds', 'seed'],
      ['snapshots', 'snapshot'],
    ] as const;
    for (const [section, kind] of sections) {
      for (const [i, entry] of (file.data[section] ?? []).entries()) {
        const yamlPath = `${section}[${i}]`;
        let node = this.#nodes.get(nodeId(kind, this.settings.name, entry.name));
        if (!node && kind === 'snapshot' && entry.relation) {
          const fqn = [
            this.settings.name,
            ...folders(file.file.split('/').slice(1).join('/')),
            entry.name,
          ];
          node = this.#snapshotNode(
            entry.name,
            file.file,
            fqn,
            `select * from {{ ${entry.relation} }}`,
          );
          this.#add(node);
        }
        if (!node) {
          this.#warnings.push(
            `${file.file}: ${yamlPath}: no ${kind} named '${entry.name}' for these properties`,
          );
          continue;
        }
        const patched = this.#patch(node, entry, file.file);
        this.#nodes.set(patched.id, patched);
        this.#byName.set(`${patched.kind}:${patched.name}`, patched);
        const expression =
          kind === 'model' || kind === 'seed' || kind === 'snapshot' ? `ref('${entry.name}')` : '';
        this.#addTests(file, yamlPath, patched, expression, entry.name, entry);
      }
    }
  }

  #patch(node: ProjectNode, entry: ResourceProperties, file: string): ProjectNode {
    const config = mergeConfig(node.config, {
      ...(entry.config ?? {}),
      ...(entry.tags ? { tags: entry.tags } : {}),
      ...(entry.meta ? { meta: entry.meta } : {}),
    });
    const base = {
      ...node,
      description: this.#describe(entry.description),
      columns: this.#columns(entry.columns),
      config: config as NodeConfig,
      tags: asStrings(config.tags),
      meta: (config.meta as Record<string, unknown> | undefined) ?? {},
      patchPath: file,
    };
    if (base.kind === 'model' && entry.metric) {
      return { ...base, metric: toMetric(entry.metric) } satisfies ModelNode;
    }
    return base;
  }

  #addTests(
    file: YamlFile<unknown>,
    yamlPath: string,
    node: ProjectNode,
    expression: string,
    nameForTest: string,
    entry: { tests?: unknown[]; data_tests?: unknown[]; columns?: ColumnProperties[] },
    onSource = false,
  ): void {
    const folderConfig = (fqn: readonly string[]): Record<string, unknown> =>
      folderConfigFor(this.settings.folderConfigs.tests, fqn, this.settings.flavor === 'hrflow');
    const add = (tests: unknown[] | undefined, path: string, columnName?: string): void => {
      for (const [k, test] of (tests ?? []).entries()) {
        const entryPath = `${path}[${k}]`;
        const pos = file.positionOf(
          entryPath
            .replace(/\[(\d+)\]/g, '.$1')
            .split('.')
            .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        );
        const testNode = genericTestNode(
          test,
          {
            nodeId: node.id,
            expression,
            nameForTest,
            onSource,
            ...(columnName !== undefined ? { columnName } : {}),
          },
          {
            packageName: this.settings.name,
            file: file.file,
            yamlPath: entryPath,
            ...(pos ? { line: pos.line } : {}),
            folderConfig: folderConfig(node.fqn),
          },
        );
        if (this.#nodes.has(testNode.id)) continue;
        this.#nodes.set(testNode.id, testNode);
      }
    };
    add(
      [...(entry.tests ?? []), ...(entry.data_tests ?? [])],
      `${yamlPath}.${entry.data_tests ? 'data_tests' : 'tests'}`,
    );
    for (const [c, column] of (entry.columns ?? []).entries()) {
      const key = column.data_tests ? 'data_tests' : 'tests';
      add(
        [...(column.tests ?? []), ...(column.data_tests ?? [])],
        `${yamlPath}.columns[${c}].${key}`,
        column.name,
      );
    }
  }

  #applyExposures(file: YamlFile<PropertiesFile>): void {
    for (const exposure of file.data.exposures ?? []) {
      const node: ExposureNode = {
        kind: 'exposure',
        id: nodeId('exposure', this.settings.name, exposure.name),
        name: exposure.name,
        packageName: this.settings.name,
        path: file.file,
        fqn: [this.settings.name, exposure.name],
        description: this.#describe(exposure.description),
        columns: {},
        config: exposure.config ?? {},
        tags: exposure.tags ?? [],
        meta: exposure.meta ?? {},
        label: exposure.label ?? exposure.name,
        exposureType: exposure.type,
        ...(exposure.url ? { url: exposure.url } : {}),
        ...(exposure.maturity ? { maturity: exposure.maturity } : {}),
        owner: exposure.owner ?? {},
        dependsOnRaw: exposure.depends_on,
      };
      this.#add(node);
    }
  }

  #columns(columns: readonly ColumnProperties[] | undefined): Record<string, ColumnSpec> {
    return columnSpecs(columns, (text) => this.#describe(text));
  }

  /** Replaces `{{ doc('name') }}` in a description with the doc block's text. */
  #describe(text: string | undefined): string {
    if (!text) return '';
    return text.replace(
      /\{\{\s*doc\(\s*['"]([^'"]+)['"]\s*\)\s*\}\}/g,
      (_m, name: string) => this.#docs.get(name)?.content ?? `(missing doc block '${name}')`,
    );
  }

  #folderConfig(
    section: 'models' | 'seeds' | 'snapshots' | 'tests',
    fqn: readonly string[],
    defaults: Record<string, unknown>,
  ): NodeConfig {
    return mergeConfig(
      defaults,
      folderConfigFor(this.settings.folderConfigs[section], fqn, this.settings.flavor === 'hrflow'),
    );
  }

  #add(node: ProjectNode): void {
    const existing = this.#nodes.get(node.id);
    const key = `${node.kind}:${node.name}`;
    const sameName = node.kind === 'source' ? undefined : this.#byName.get(key);
    const clash =
      existing ??
      (node.kind === 'model' || node.kind === 'seed' || node.kind === 'snapshot'
        ? this.#refClash(node.name)
        : sameName);
    if (clash) {
      throw new HrflowError(
        'duplicate-node',
        `two resources are named '${node.name}': ${clash.path} and ${node.path}`,
        {
          location: { file: node.path, node: node.id },
          hint: 'Rename one of them; models, seeds and snapshots share one namespace for ref().',
        },
      );
    }
    this.#nodes.set(node.id, node);
    this.#byName.set(key, node);
  }

  #refClash(name: string): ProjectNode | undefined {
    return (
      this.#byName.get(`model:${name}`) ??
      this.#byName.get(`seed:${name}`) ??
      this.#byName.get(`snapshot:${name}`)
    );
  }
  #walk(dir: string, extensions: readonly string[]): Generator<ProjectFile> {
    return walkProjectFolder(this.settings.root, dir, extensions);
  }
}

function builtinMacros(): MacroFile[] {
  if (!existsSync(BUILTIN_MACROS_DIR)) return [];
  return readdirSync(BUILTIN_MACROS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const source = readFileSync(join(BUILTIN_MACROS_DIR, f), 'utf8');
      return {
        path: `hrflow://macros/${f}`,
        packageName: 'hrflow',
        source,
        names: macroNamesIn(source),
      };
    });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
