/** The nodes a command executes: its resource types, narrowed by --select, --exclude and selectors. */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Logger } from '../core/log.js';
import { configJson } from './artifacts/manifest-json.js';
import type { Manifest } from './compile/manifest.js';
import type { NodeId, ResourceType } from './project/nodes.js';
import { selectNodes } from './select/index.js';
import { loadSelectorsFile, readNamedSelectors } from './select/named-selectors.js';
import { readPreviousState } from './select/previous-state.js';
import { createSelectionGraph } from './select/selection-graph.js';
import type { SelectableNode } from './select/selection-graph.js';
import type { NamedSelectors } from './select/selector-tree.js';

export interface CommandSelection {
  readonly resourceTypes: readonly ResourceType[];
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  readonly selector?: string;
  /** Directory holding a previous manifest.json, for `state:` methods. */
  readonly state?: string;
  readonly logger?: Logger;
}

/** Selected node ids in run order (parents first). */
export function selectForCommand(manifest: Manifest, selection: CommandSelection): NodeId[] {
  const settings = manifest.project.settings;
  const graph = createSelectionGraph(selectableNodes(manifest), { projectName: settings.name });
  const selectors = projectSelectors(manifest);
  const stateDir =
    selection.state &&
    (isAbsolute(selection.state) ? selection.state : resolve(settings.root, selection.state));

  const result = selectNodes(graph, {
    ...(selection.select ? { select: selection.select } : {}),
    ...(selection.exclude ? { exclude: selection.exclude } : {}),
    ...(selection.selector ? { selector: selection.selector } : {}),
    ...(selectors ? { selectors } : {}),
    ...(stateDir ? { state: readPreviousState(stateDir, selection.state) } : {}),
    resourceTypes: selection.resourceTypes,
  });
  for (const word of result.unmatched) {
    selection.logger?.warn(
      'selector-unmatched',
      `the selection criterion '${word}' does not match any node`,
    );
  }
  return manifest.graph.order.filter((id) => result.selected.has(id));
}

/** The project's named selectors: `selectors.yml` in a dbt project, `selectors:` in hrflow's. */
export function projectSelectors(manifest: Manifest): NamedSelectors | undefined {
  const settings = manifest.project.settings;
  const dbtSelectors = join(settings.root, 'selectors.yml');
  if (settings.flavor === 'dbt') {
    return existsSync(dbtSelectors) ? loadSelectorsFile(dbtSelectors, 'selectors.yml') : undefined;
  }
  return readNamedSelectors(
    (settings.yaml.data as { selectors?: unknown }).selectors ?? [],
    settings.yaml,
  );
}

function selectableNodes(manifest: Manifest): SelectableNode[] {
  return [...manifest.nodes.values()].map((entry) => {
    const { node, config, checksum, dependsOn } = entry;
    return {
      id: node.id,
      resourceType: node.kind,
      name: node.name,
      packageName: node.packageName,
      fqn: node.fqn,
      path: node.path,
      tags: [
        ...new Set([
          ...node.tags,
          ...(Array.isArray(config.tags) ? (config.tags as string[]) : []),
        ]),
      ],
      config: configJson(entry),
      checksum,
      dependsOn,
      ...(node.kind === 'source' ? { sourceName: node.sourceName } : {}),
      ...(node.kind === 'test'
        ? {
            testType: node.testType,
            ...(node.testMetadata ? { testName: node.testMetadata.name } : {}),
          }
        : {}),
    };
  });
}
