/**
 * Builds the documentation site's front end into dist/docs-site/: the TypeScript app bundled and
 * minified by esbuild into one browser script (the engine's selector code included, nothing
 * Node-only), plus the page and the stylesheet. `npm run build` runs it; vitest runs it first
 * too, so browser tests always see the current app.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'src/docs/web');
const out = join(root, 'dist/docs-site');

/** Bundles the app and copies the page and stylesheet into dist/docs-site/. */
export async function buildDocsSite() {
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(web, 'main.ts')],
    outfile: join(out, 'app.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  copyFileSync(join(web, 'index.html'), join(out, 'index.html'));
  copyFileSync(join(web, 'app.css'), join(out, 'app.css'));
}

/** vitest global setup. */
export async function setup() {
  await buildDocsSite();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDocsSite();
}
