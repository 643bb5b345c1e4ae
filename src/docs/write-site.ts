/**
 * Writes the static site: the app's prebuilt assets copied as they are, plus `data.js` holding
 * the project. Nothing is fetched at view time, so the folder opens from `file://` and from any
 * static host.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HrflowError } from '../core/errors.js';
import { redactor } from '../core/redact.js';
import { SITE_DATA_GLOBAL } from './site-data.js';
import type { SiteData } from './site-data.js';

/**
 * Where `npm run build` puts the app's bundle. The same relative path holds from `src/docs/`
 * (tests) and from `dist/docs/` (the installed CLI).
 */
export const SITE_ASSETS_DIR = fileURLToPath(new URL('../../dist/docs-site/', import.meta.url));

/** Writes the site into `outDir`, replacing the files of an earlier site. */
export function writeSite(outDir: string, data: SiteData, assetsDir = SITE_ASSETS_DIR): string[] {
  if (!existsSync(join(assetsDir, 'index.html'))) {
    throw new HrflowError(
      'internal',
      `the documentation site's assets are missing in ${assetsDir}`,
      {
        hint: 'Run `npm run build` in the hrflow package (npm ci runs it too), then try again.',
      },
    );
  }
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const file of readdirSync(assetsDir)) {
    copyFileSync(join(assetsDir, file), join(outDir, file));
    written.push(file);
  }
  const script = `window.${SITE_DATA_GLOBAL} = ${JSON.stringify(data)};\n`;
  const tmp = join(outDir, `data.js.${process.pid}.tmp`);
  writeFileSync(tmp, redactor.redact(script));
  renameSync(tmp, join(outDir, 'data.js'));
  written.push('data.js');
  return written;
}
