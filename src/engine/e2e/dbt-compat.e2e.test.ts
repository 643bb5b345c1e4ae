/**
 * hrflow against real dbt: the dbt project fixture is copied twice; dbt-core with dbt-duckdb
 * builds one copy and hrflow the other, in the same two phases. Then every relation (schema,
 * name, type, columns and types, rows as a sorted multiset), every node's and hook's outcome
 * and every model's compiled SQL must agree, except for the differences README's "dbt
 * compatibility" section documents.
 *
 * dbt comes from the Python virtualenv `.ci/run` creates (`bench/.venv`, pinned in
 * `bench/requirements-dbt.txt`); without it this suite is skipped. dbt runs with its anonymous
 * usage statistics off, so nothing leaves the machine.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  FIXTURE_CATALOG,
  hrflow,
  PHASES,
  runOutcomes,
} from './dbt-project.test-support.js';
import { warehouseContents } from './warehouse-contents.test-support.js';
import type { RelationContents } from './warehouse-contents.test-support.js';

const DBT =
  process.env.HRFLOW_DBT_BIN ??
  fileURLToPath(new URL('../../../bench/.venv/bin/dbt', import.meta.url));
const DBT_FOUND = existsSync(DBT);

/**
 * Models whose compiled SQL differs on purpose: hrflow's cross-database macros are its own
 * spelling of the same expressions (`dbt.datediff` here).
 */
const COMPILED_SQL_DIFFERS = new Set(['models/marts/dim_workers.sql']);

interface Build {
  readonly relations: Record<string, RelationContents>;
  readonly outcomes: Record<string, string>;
  readonly compiledModels: Record<string, string>;
}

describe.skipIf(!DBT_FOUND)(
  DBT_FOUND
    ? 'hrflow builds what dbt builds from the same project'
    : `hrflow against real dbt: skipped, no dbt at ${DBT} (bash .ci/run creates it)`,
  () => {
    const copies = { dbt: copyFixture('dbt-compat-dbt-'), hrflow: copyFixture('dbt-compat-hr-') };
    const builds: Record<string, { dbt: Build; hrflow: Build }> = {};

    beforeAll(async () => {
      for (const phase of PHASES) {
        await runDbt(copies.dbt.root, ['build', ...phase.args]);
        const run = await hrflow(copies.hrflow.root, ['build', ...phase.args]);
        expect(run.code, run.stderr).toBe(0);
        builds[phase.name] = {
          dbt: await readBuild(copies.dbt.root, []),
          hrflow: await readBuild(copies.hrflow.root, ['hrflow']),
        };
      }
    }, 300_000);
    afterAll(() => {
      copies.dbt.remove();
      copies.hrflow.remove();
    });

    for (const phase of PHASES) {
      it(`builds the same relations with the same columns and rows, ${phase.name}`, () => {
        const build = builds[phase.name];
        expect(Object.keys(build?.hrflow.relations ?? {})).toEqual(
          Object.keys(build?.dbt.relations ?? {}),
        );
        expect(build?.hrflow.relations).toEqual(build?.dbt.relations);
      });

      it(`ends every node, test and hook the same way, ${phase.name}`, () => {
        const build = builds[phase.name];
        expect(build?.hrflow.outcomes).toEqual(build?.dbt.outcomes);
      });

      it(`compiles every model to the same SQL, ${phase.name}`, () => {
        const build = builds[phase.name];
        const dbt = build?.dbt.compiledModels ?? {};
        const ours = build?.hrflow.compiledModels ?? {};
        expect(Object.keys(ours).sort()).toEqual(Object.keys(dbt).sort());
        for (const [file, sql] of Object.entries(dbt)) {
          if (COMPILED_SQL_DIFFERS.has(file)) continue;
          expect(ours[file], file).toBe(sql);
        }
      });
    }
  },
);

async function readBuild(root: string, excludeSchemas: readonly string[]): Promise<Build> {
  return {
    relations: await warehouseContents(
      join(root, 'warehouse.duckdb'),
      FIXTURE_CATALOG,
      excludeSchemas,
    ),
    outcomes: runOutcomes(root),
    compiledModels: compiledModels(join(root, 'target/compiled/people_analytics')),
  };
}

/**
 * Compiled SQL of models, keyed by path, whitespace collapsed: Jinja and Nunjucks differ in the
 * blank lines and indentation that block tags leave behind.
 */
function compiledModels(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      // Folders named after a YAML file hold that file's tests.
      if (statSync(path).isDirectory()) {
        if (!name.endsWith('.yml')) walk(path);
      } else if (name.endsWith('.sql')) {
        out[relative(dir, path)] = readFileSync(path, 'utf8').replace(/\s+/g, ' ').trim();
      }
    }
  };
  walk(join(dir, 'models'));
  return out;
}

function runDbt(root: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(DBT, [...args, '--project-dir', root, '--profiles-dir', root], {
      cwd: root,
      env: {
        PATH: `${dirname(DBT)}:/usr/bin:/bin`,
        HOME: root,
        DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
        DO_NOT_TRACK: '1',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`dbt ${args.join(' ')} exited ${String(code)}:\n${output}`));
    });
  });
}
