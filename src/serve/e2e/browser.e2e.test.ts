/**
 * The dashboards in a real browser (Debian's chromium through playwright-core): an HRBP and an
 * admin see numbers that differ exactly as the policies say, a page refreshes by itself after
 * a data change and a build, and every page is saved as a screenshot under
 * test-artifacts/serve/ for people to look at.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../engine/invoke.js';
import type { TempProject } from '../../testing/temp-project.js';
import { startServer } from '../server.js';
import type { RunningServer } from '../server.js';
import { fixtureProject, PASSWORDS, WEBHOOK_SECRET } from '../testing/fixture-lakehouse.js';

const REPO = join(import.meta.dirname, '../../..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(REPO, 'test-artifacts/serve');
const WEB = join(REPO, 'dist/web');

let project: TempProject;
let server: RunningServer;
const contexts: { context: BrowserContext; profile: string }[] = [];

beforeAll(async () => {
  if (!existsSync(join(WEB, 'index.html'))) {
    execFileSync(process.execPath, [join(REPO, 'src/serve/web/build.mjs')]);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  project = await fixtureProject();
  await invoke({ command: 'build', projectDir: project.root, env: {} });
  server = await startServer({
    projectDir: project.root,
    env: { GH_WEBHOOK_SECRET: WEBHOOK_SECRET },
    webRoot: WEB,
    startSchedules: false,
  });
});

afterAll(async () => {
  for (const { context, profile } of contexts.splice(0)) {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  await server?.close();
  project?.remove();
});

/** A browser of its own (fresh profile) for one user, signed in through the form. */
async function signedIn(user: keyof typeof PASSWORDS): Promise<Page> {
  const profile = mkdtempSync(join(tmpdir(), 'hrflow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  contexts.push({ context, profile });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(PASSWORDS[user]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Dashboards' }).waitFor();
  return page;
}

async function openPage(page: Page, id: string): Promise<void> {
  await page.getByRole('link', { name: pageTitle(id), exact: true }).click();
  const panels = await panelCount(id);
  // The page's CSP forbids evaluating strings, so wait through locators.
  await expect
    .poll(() => page.locator('section.panel[data-loaded]').count(), { timeout: 20_000 })
    .toBe(panels);
}

async function panelCount(id: string): Promise<number> {
  const { PAGES } = await import('../datasets/pages.js');
  return PAGES.find((p) => p.id === id)?.panels.length ?? 0;
}

function pageTitle(id: string): string {
  return (
    (
      {
        hiring: 'Hiring',
        attrition: 'Attrition',
        diversity: 'Diversity',
        quality: 'Data quality',
        pipeline: 'Pipeline health',
      } as Record<string, string>
    )[id] ?? id
  );
}

async function kpi(page: Page, panel: string, measure: string): Promise<string> {
  return page.locator(`#${panel} .kpi[data-measure="${measure}"] .value`).innerText();
}

const sql = <T extends Record<string, unknown>>(text: string): Promise<T[]> =>
  server.warehouse.withSession((s) => s.query<T>(text));

describe('dashboards in chromium', () => {
  it('show the admin everything and the HRBP only Sales, with small groups hidden', async () => {
    const admin = await signedIn('ada');
    const hrbp = await signedIn('hana');
    await openPage(admin, 'attrition');
    await openPage(hrbp, 'attrition');

    const [all] = await sql<{ hires: number; seps: number }>(
      `SELECT count(*) FILTER (WHERE is_hire)::INT AS hires,
              count(*) FILTER (WHERE is_separation)::INT AS seps FROM gold.fct_worker_months`,
    );
    const [sales] = await sql<{ hires: number; seps: number }>(
      `SELECT count(*) FILTER (WHERE is_hire)::INT AS hires,
              count(*) FILTER (WHERE is_separation)::INT AS seps
       FROM gold.fct_worker_months WHERE business_unit = 'Sales'`,
    );
    expect(await kpi(admin, 'attrition-kpis', 'hires')).toBe(String(all?.hires));
    expect(await kpi(admin, 'attrition-kpis', 'separations')).toBe(String(all?.seps));
    expect(await kpi(hrbp, 'attrition-kpis', 'hires')).toBe(String(sales?.hires));
    expect(await kpi(hrbp, 'attrition-kpis', 'separations')).toBe(String(sales?.seps));
    await expect(hrbp.locator('#attrition-kpis .governance').innerText()).resolves.toMatch(
      /rows limited by hrbp_business_units/,
    );

    const options = await hrbp.locator('select[name="business_unit"] option').allInnerTexts();
    expect(options).toEqual(['All', 'Sales']);

    await openPage(admin, 'diversity');
    await openPage(hrbp, 'diversity');
    await admin.locator('#representation-level summary').click();
    await hrbp.locator('#representation-level summary').click();
    expect(await admin.locator('#representation-level td.suppressed').count()).toBe(0);
    expect(await hrbp.locator('#representation-level td.suppressed').count()).toBeGreaterThan(0);

    for (const id of ['hiring', 'attrition', 'diversity', 'quality', 'pipeline']) {
      await openPage(admin, id);
      await admin.screenshot({ path: join(ARTIFACTS, `admin-${id}.png`), fullPage: true });
    }
    await openPage(hrbp, 'diversity');
    await hrbp.screenshot({ path: join(ARTIFACTS, 'hrbp-diversity.png'), fullPage: true });
    await openPage(hrbp, 'pipeline');
    await expect(hrbp.locator('#runs .error').innerText()).resolves.toMatch(/Not available/);
    await hrbp.screenshot({ path: join(ARTIFACTS, 'hrbp-pipeline.png'), fullPage: true });

    await openPage(hrbp, 'quality');
    await hrbp.locator('#findings tbody tr').first().press('Enter');
    await expect(hrbp.locator('#findings dl.detail dd').last().innerText()).resolves.toBe('masked');
    await openPage(admin, 'quality');
    await admin.locator('#findings tbody tr').first().click();
    await expect(admin.locator('#findings dl.detail').innerText()).resolves.toMatch(/hired_on/);
    await admin.screenshot({
      path: join(ARTIFACTS, 'admin-quality-drilldown.png'),
      fullPage: true,
    });
  });

  it('refreshes an open page by itself after a data change and a build', async () => {
    const hrbp = await signedIn('hana');
    await openPage(hrbp, 'attrition');
    const before = Number(await kpi(hrbp, 'attrition-kpis', 'hires'));

    const extra = Array.from({ length: 6 }, (_, i) =>
      [
        `W9${String(i).padStart(4, '0')}`,
        `New ${i}`,
        `new${i}@example.com`,
        `900-00-${1000 + i}`,
        '1990-01-01',
        '"1 New Road"',
        'Sales',
        'Field Sales',
        'Berlin',
        'Sales',
        'L1',
        'Woman',
        'Asian',
        '2025-06-02',
        '',
        '',
        '',
      ].join(','),
    );
    appendFileSync(join(project.root, 'seeds/workers.csv'), `${extra.join('\n')}\n`);
    const job = server.queue.submit(
      { kind: 'build', select: ['workers+'], fullRefresh: false, failFast: false },
      'test',
    );
    await server.jobSettled(job);
    const settledAt = Date.now();
    await hrbp.locator('#updated').filter({ hasText: '(live)' }).waitFor({ timeout: 10_000 });
    const seen = Date.now() - settledAt;
    expect(Number(await kpi(hrbp, 'attrition-kpis', 'hires'))).toBe(before + 6);
    process.stderr.write(`live refresh: new numbers on screen ${seen} ms after the build ended\n`);
    await hrbp.screenshot({ path: join(ARTIFACTS, 'hrbp-attrition-live.png'), fullPage: true });
  });
});
