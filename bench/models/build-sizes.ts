/**
 * The reference lakehouse built at several sandbox sizes: every node and data test must pass
 * (`hrflow build` exit 0). Prints the build's wall time, sync included, and node counts.
 *
 *   npx tsx bench/models/build-sizes.ts                      # 50/300, 300/1500, 600/3000
 *   SIZES=2000x10000,5000x25000 npx tsx bench/models/build-sizes.ts
 */
import { buildReferenceProject } from '../../src/lakehouse/reference-project.js';

const sizes = (process.env.SIZES ?? '50x300,300x1500,600x3000').split(',').map((text) => {
  const [employees = '', candidates = ''] = text.split('x');
  return {
    seed: Number(process.env.SEED ?? 42),
    employees: Number(employees),
    candidates: Number(candidates),
  };
});

let failed = false;
for (const size of sizes) {
  const build = await buildReferenceProject(size);
  const done =
    /Done\. (PASS=\d+ WARN=\d+ ERROR=\d+ SKIP=\d+ TOTAL=\d+)/.exec(build.stderr)?.[1] ?? '?';
  process.stdout.write(
    `${size.employees} employees / ${size.candidates} candidates: exit ${build.code}, ${done}, ` +
      `${(build.elapsedMs / 1000).toFixed(1)} s\n`,
  );
  if (build.code !== 0) {
    failed = true;
    process.stderr.write(build.stderr.slice(-4000));
  }
  build.remove();
}
process.exitCode = failed ? 1 : 0;
