/**
 * The documentation site of a project: artifacts read from the target folder, compiled SQL
 * rendered fresh, column lineage traced with DuckDB's parser, and the site written under
 * `target/docs/`. Parsing uses an in-memory DuckDB, so the warehouse file is not needed here.
 */
import { join } from 'node:path';
import type { Manifest } from '../engine/compile/manifest.js';
import { renderNode } from '../engine/compile/render-node.js';
import { projectSelectors } from '../engine/select-for-command.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { readArtifacts } from './artifacts.js';
import { buildSiteData, lineageSubjects } from './build-site-data.js';
import { projectLineage } from './lineage/column-lineage.js';
import type { LineageSubject, NodeLineage } from './lineage/column-lineage.js';
import { duckdbSqlParser } from './lineage/duckdb-parser.js';
import { writeSite } from './write-site.js';

/** What `hrflow docs generate` reports when done. */
export interface GeneratedDocs {
  /** The folder holding `index.html`. */
  readonly dir: string;
  readonly pages: number;
  /** Models and snapshots by lineage status. */
  readonly lineage: {
    readonly traced: number;
    readonly partial: number;
    readonly untraced: number;
  };
}

/** Writes `<targetDir>/docs/` from the artifacts in `targetDir` and the loaded project. */
export async function generateDocs(manifest: Manifest, targetDir: string): Promise<GeneratedDocs> {
  const artifacts = readArtifacts(targetDir, manifest.project.settings.paths.target);
  const compiled = compileAll(manifest);
  const lineage = await traceLineage(lineageSubjects(artifacts, compiled));
  const data = buildSiteData(artifacts, {
    compiled,
    lineage,
    selectors: [...(projectSelectors(manifest)?.byName.values() ?? [])],
    generatedAt: new Date(),
  });
  const dir = join(targetDir, 'docs');
  writeSite(dir, data);
  const count = (status: NodeLineage['status']) =>
    [...lineage.values()].filter((l) => l.status === status).length;
  return {
    dir,
    pages: data.nodes.length,
    lineage: { traced: count('traced'), partial: count('partial'), untraced: count('untraced') },
  };
}

/** Traces the subjects with a throwaway in-memory DuckDB as the parser. */
export async function traceLineage(
  subjects: readonly LineageSubject[],
): Promise<Map<string, NodeLineage>> {
  const duck = await Warehouse.open({ path: ':memory:', catalog: 'memory_lineage' });
  try {
    return await duck.withSession((session) => projectLineage(subjects, duckdbSqlParser(session)));
  } finally {
    await duck.close();
  }
}

/**
 * The compiled SQL of every model, snapshot and test, rendered as a full refresh would render
 * it. A node whose template fails to render is left out; run_results' SQL may stand in.
 */
export function compileAll(manifest: Manifest): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, entry] of manifest.nodes) {
    const kind = entry.node.kind;
    if (kind !== 'model' && kind !== 'snapshot' && kind !== 'test') continue;
    try {
      out.set(id, renderNode(manifest, id, { isIncremental: false, fullRefresh: false }));
    } catch {
      // The page then shows the SQL of the last run, or says there is none.
    }
  }
  return out;
}
