/**
 * Writes compiled SQL under `target/compiled/<project>/`, laid out as dbt lays it out: a node
 * from a SQL file at that file's path, a node defined in YAML in a folder named after the YAML
 * file. Writes are asynchronous so a run's workers keep the warehouse busy while files land,
 * and each folder is created once per run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { NodeId, ProjectNode } from '../project/nodes.js';

export class CompiledSqlWriter {
  readonly #folders = new Map<string, Promise<unknown>>();
  readonly #ephemerals = new Set<NodeId>();

  /** @param root the project's folder under `target/compiled/`. */
  constructor(readonly root: string) {}

  /** Writes one node's compiled SQL. */
  async write(node: ProjectNode, sql: string): Promise<void> {
    const file = node.kind === 'test' && node.alias ? node.alias : node.name;
    const path = join(
      this.root,
      /\.(yml|yaml)$/.test(node.path) ? `${node.path}/${file}.sql` : node.path,
    );
    const folder = dirname(path);
    let made = this.#folders.get(folder);
    if (!made) {
      made = mkdir(folder, { recursive: true });
      this.#folders.set(folder, made);
    }
    await made;
    await writeFile(path, sql);
  }

  /** True the first time it is asked about an ephemeral model in this run. */
  claimEphemeral(id: NodeId): boolean {
    if (this.#ephemerals.has(id)) return false;
    this.#ephemerals.add(id);
    return true;
  }
}
