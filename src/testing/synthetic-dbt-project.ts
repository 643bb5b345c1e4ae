/**
 * A synthetic dbt project of `models` models on DuckDB, shaped like a medallion lakehouse: ten
 * source tables, 15 % bronze staging views, 40 % silver models joining two upstream models
 * through CTEs (every twentieth ephemeral), 45 % gold aggregates and window functions, and a
 * not_null test on every silver model. Plain dbt syntax, so hrflow and dbt read the same files.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Source tables the generated project reads; the caller creates them in `raw`. */
export const SOURCE_TABLES = 10;

/** Writes the project into `dir`, replacing what was there. */
export function generateProject(dir: string, models: number): void {
  rmSync(dir, { recursive: true, force: true });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  let seed = 7;
  const pick = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const bronze = Math.floor(models * 0.15);
  const silver = Math.floor(models * 0.4);
  const gold = models - bronze - silver;

  write(
    'dbt_project.yml',
    `name: bench
version: '1.0'
profile: bench
models:
  bench:
    +materialized: view
    bronze: {+schema: bronze}
    silver: {+schema: silver}
    gold: {+schema: gold}
`,
  );
  write(
    'profiles.yml',
    `bench:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: target/bench.duckdb
      threads: 2
`,
  );
  write(
    'models/sources.yml',
    `version: 2
sources:
  - name: raw
    schema: raw
    tables:
${Array.from({ length: SOURCE_TABLES }, (_, k) => `      - name: src_${k}\n        description: Raw table ${k}.`).join('\n')}
`,
  );

  for (let i = 0; i < bronze; i++) {
    write(
      `models/bronze/stg_${i}.sql`,
      `select id, a as a_${i}, b, c * 2 as c2, updated_at\nfrom {{ source('raw', 'src_${i % SOURCE_TABLES}') }}\n`,
    );
  }
  const silverTests: string[] = [];
  for (let i = 0; i < silver; i++) {
    const left = `stg_${pick(bronze)}`;
    const right = i > 0 && pick(2) === 0 ? `int_${pick(i)}` : `stg_${pick(bronze)}`;
    const ephemeral = i % 20 === 19 ? "{{ config(materialized='ephemeral') }}\n" : '';
    write(
      `models/silver/int_${i}.sql`,
      `${ephemeral}with x as (
  select * from {{ ref('${left}') }}
), y as (
  select * from {{ ref('${right}') }}
)
select x.id, x.b,
  case when x.c2 > 10 then 'high' else 'low' end as band,
  coalesce(y.c2, 0) + x.c2 as c2
from x
left join y using (id)
`,
    );
    if (!ephemeral) {
      silverTests.push(
        `  - name: int_${i}\n    columns:\n      - name: id\n        data_tests: [not_null]`,
      );
    }
  }
  write('models/silver/schema.yml', `version: 2\nmodels:\n${silverTests.join('\n')}\n`);
  const silverTables = Array.from({ length: silver }, (_, i) => i).filter((i) => i % 20 !== 19);
  for (let i = 0; i < gold; i++) {
    const from = `int_${silverTables[pick(silverTables.length)] ?? 0}`;
    write(
      `models/gold/fct_${i}.sql`,
      i % 3 === 0
        ? `select id, b, row_number() over (partition by b order by c2 desc) as rank_in_b\nfrom {{ ref('${from}') }}\n`
        : `select b, count(*) as n, sum(c2) as total_c2, max(band) as top_band\nfrom {{ ref('${from}') }}\ngroup by b\n`,
    );
  }
}
