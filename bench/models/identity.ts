/**
 * Identity resolution at a large sandbox size: hrflow's SQL record linkage against the
 * generator's people, side by side with Splink on the same normalised records.
 *
 *   npx tsx bench/models/identity.ts            # 3,000 employees / 20,000 candidates
 *   EMPLOYEES=600 CANDIDATES=3000 npx tsx bench/models/identity.ts
 *   SKIP_SPLINK=1 …                             # hrflow only
 *
 * Splink runs in a local venv (created here on first use: python3 -m venv bench/.venv, then
 * pip install splink duckdb). Both are scored on pairs of candidate and worker records
 * (src/lakehouse/identity-score.ts): precision, recall and F1. hrflow's time is the sum of the
 * identity models' build times in run_results.json; Splink's is its training, prediction and
 * clustering wall time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCompany } from '../../src/sandbox/company/generate.js';
import { scoreLinks, truthPersons } from '../../src/lakehouse/identity-score.js';
import type { IdentityScore, LinkRow } from '../../src/lakehouse/identity-score.js';
import { buildReferenceProject, REFERENCE_ROOT } from '../../src/lakehouse/reference-project.js';

const size = {
  seed: Number(process.env.SEED ?? 42),
  employees: Number(process.env.EMPLOYEES ?? 3000),
  candidates: Number(process.env.CANDIDATES ?? 20000),
};
const threshold = 0.9;
const IDENTITY_MODELS = [
  'identity_candidate_contact',
  'identity_worker_contact',
  'identity_records',
  'identity_emails',
  'identity_pairs',
  'identity_u_sample',
  'person_match_parameters',
  'person_match_edge',
  'identity_clusters',
  'person_source_link',
];

const build = await buildReferenceProject(size);
if (build.code !== 0) throw new Error(`hrflow build failed:\n${build.stderr.slice(-4000)}`);
const truth = truthPersons(generateCompany(size));

const links = await build.query<LinkRow & Record<string, unknown>>(
  'select source_entity, source_id, person_id from silver.person_source_link',
);
const hrflow = scoreLinks(links, truth);
const hrflowSeconds = identitySeconds(build.root);

let splink: (IdentityScore & { seconds: number }) | null = null;
if (!process.env.SKIP_SPLINK) {
  const python = ensureVenv();
  const records = join(build.root, 'identity_records.parquet');
  const clusters = join(build.root, 'splink_clusters.parquet');
  await build.query(`copy (
      select record_key, first_name_norm, last_name_norm, email, email_canonical, phone_e164, phone_nsn, start_date
      from silver.identity_records where source_entity in ('candidate', 'worker')
    ) to '${records}' (format parquet)`);
  const out = execFileSync(
    python,
    [join(REFERENCE_ROOT, 'bench/models/splink_identity.py'), records, clusters, String(threshold)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = Number(/total_s=([\d.]+)/.exec(out)?.[1] ?? NaN);
  const rows = await build.query<{ source_entity: string; source_id: string; person_id: string }>(
    `select split_part(record_key, ':', 1) as source_entity,
            substr(record_key, position(':' in record_key) + 1) as source_id,
            cluster_id as person_id
     from read_parquet('${clusters}')`,
  );
  splink = { ...scoreLinks(rows, truth), seconds };
}

const result = {
  size,
  threshold,
  buildSeconds: build.elapsedMs / 1000,
  hrflow: { ...hrflow, seconds: hrflowSeconds },
  splink,
};
mkdirSync(join(REFERENCE_ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  join(REFERENCE_ROOT, `bench/results/identity-${size.employees}-${size.candidates}.json`),
  `${JSON.stringify(result, null, 2)}\n`,
);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
build.remove();

function identitySeconds(root: string): number {
  const results = JSON.parse(readFileSync(join(root, 'target/run_results.json'), 'utf8')) as {
    results: { unique_id: string; execution_time: number }[];
  };
  return results.results
    .filter((r) => IDENTITY_MODELS.some((m) => r.unique_id === `model.hr.${m}`))
    .reduce((sum, r) => sum + r.execution_time, 0);
}

function ensureVenv(): string {
  const venv = join(REFERENCE_ROOT, 'bench/.venv');
  const python = join(venv, 'bin/python');
  if (!existsSync(python)) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  try {
    execFileSync(python, ['-c', 'import splink, duckdb'], { stdio: 'ignore' });
  } catch {
    execFileSync(join(venv, 'bin/pip'), ['install', 'splink', 'duckdb'], { stdio: 'inherit' });
  }
  return python;
}
