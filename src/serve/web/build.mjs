// Bundles the dashboard web app with esbuild into dist/web (run by `npm run build`, and so by
// `npm ci` through `prepare`). Everything the browser loads is served by hrflow itself.
import { mkdirSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../../../dist/web');
mkdirSync(join(out, 'assets'), { recursive: true });

await build({
  entryPoints: [join(here, 'app.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  outfile: join(out, 'assets/app.js'),
  logLevel: 'warning',
});
copyFileSync(join(here, 'app.css'), join(out, 'assets/app.css'));
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
