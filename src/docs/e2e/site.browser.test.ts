/**
 * The generated site in a real browser: Debian's chromium driven by playwright-core, the site
 * opened from disk (`file://`) as a user would open it. Walks from the overview to a gold model,
 * down its column lineage to the bronze source, searches and filters the graph. Screenshots go
 * to test-artifacts/docs/. Skipped, with a message, where /usr/bin/chromium is not installed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { DOCS_FIXTURE, prepareWarehouse } from '../../testing/docs-fixture.js';
import { generateProject } from '../../testing/synthetic-dbt-project.js';
import { tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = resolve('test-artifacts/docs');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `skipping the docs site browser test: ${CHROMIUM} is not installed (apt-get install chromium)`,
  );
}

let project: TempProject;
let profile: string;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

async function cli(...args: string[]): Promise<number> {
  return main(['node', 'hrflow', ...args], {
    stdout: () => undefined,
    stderr: () => undefined,
    isTTY: false,
    cwd: project.root,
    env: {},
  });
}

const shot = (name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });

describe.skipIf(!hasChromium)('the documentation site in chromium', () => {
  beforeAll(async () => {
    project = tempProject(DOCS_FIXTURE);
    await prepareWarehouse(project.root);
    expect(await cli('build')).toBe(0);
    expect(await cli('source', 'freshness')).toBe(0);
    expect(await cli('docs', 'generate')).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'hrflow-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
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
    // The site must need nothing from the network: any request off the local disk fails the test.
    await context.route(/^(?!file:)/, (route) => {
      pageErrors.push(`network request: ${route.request().url()}`);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(pathToFileURL(join(project.root, 'target/docs/index.html')).href);
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    project?.remove();
  });

  it('opens from file:// on an overview of layers, metrics and data quality', async () => {
    await hasText(page.locator('h1'), 'demo');
    await hasText(page.locator('.cards .card.layer-gold .card-count'), '2');
    await hasText(page.locator('.quality .status-warn .card-count'), '1');
    await contains(page.locator('table.data').last(), 'Voluntary turnover rate');
    await contains(page.locator('table.data').last(), 'attrition_dashboard');
    await shot('overview');
  });

  it('shows a gold model with its metric, columns, tests and dashboards', async () => {
    await page.locator('.sidebar a', { hasText: /^turnover$/ }).click();
    await contains(page.locator('h1'), 'gold.turnover');
    await contains(page.locator('.metric-box'), 'voluntary_exits / headcount');
    await contains(page.locator('.metric-box'), 'attrition_dashboard');
    const row = page.locator('table.data tr', { hasText: 'voluntary_rate' });
    await contains(row, 'DOUBLE');
    await contains(row, 'aggregated: silver.terminations.is_voluntary');
    await contains(page.locator('pre.sql.compiled'), '__dbt__cte__active_workers');
    await shot('gold-model');
  });

  it('walks the lineage of a gold column down to the bronze source', async () => {
    await page
      .locator('table.data tr', { hasText: 'voluntary_rate' })
      .locator('a.column-name')
      .click();
    await hasText(page.locator('h1'), 'gold.turnover.voluntary_rate');
    await contains(page.locator('pre.tree'), 'workday.terminations.termination_type');
    await count(page.locator('.graph-canvas g.box'), 3);
    await shot('column-lineage');

    await page.locator('pre.tree').waitFor();
    await page.locator('g.box', { hasText: 'is_voluntary' }).dblclick();
    await hasText(page.locator('h1'), 'silver.terminations.is_voluntary');
    await page.locator('g.box', { hasText: 'termination_type' }).dblclick();
    await hasText(page.locator('h1'), 'workday.terminations.termination_type');
    await page.getByText('Back to the model').click();
    await hasText(page.locator('h1'), 'workday.terminations');
    await contains(page.locator('.crumbs'), 'Source · bronze');
  });

  it('shows HTML in a description as text, never as markup', async () => {
    await page.locator('.sidebar a', { hasText: /^worker$/ }).click();
    await contains(page.locator('.description'), "<script>alert('x')</script>");
    expect(await page.locator('.description script').count()).toBe(0);
  });

  it('finds a model and a column by search', async () => {
    await page.locator('#search').fill('tenure');
    await contains(page.locator('#search-results li').first(), 'gold.tenure_rank');
    await page.locator('#search').press('Enter');
    await contains(page.locator('h1'), 'gold.tenure_rank');
    await page.locator('#search').fill('email');
    await contains(page.locator('#search-results'), 'workday.workers.email');
  });

  it('draws the lineage graph and filters it by selector, tag and resource type', async () => {
    await page.locator('header nav a', { hasText: 'Lineage graph' }).click();
    const boxes = page.locator('.graph-canvas g.box');
    await count(boxes, 12);
    await shot('graph');

    await page.locator('input[name=select]').fill('+turnover');
    await page.locator('.graph-controls button[type=submit]').click();
    await count(boxes, 8);
    await contains(page.locator('.graph-canvas'), 'gold.turnover');
    await contains(page.locator('.graph-canvas'), 'workday.terminations');
    await lacks(page.locator('.graph-canvas'), 'gold.tenure_rank');

    await page.locator('g.box', { hasText: 'silver.terminations' }).click();
    await count(page.locator('g.box.dim'), 5);
    await shot('graph-selected');

    await page.locator('input[name=select]').fill('');
    await page.locator('select[name=tag]').selectOption('gold');
    await page.locator('.graph-controls button[type=submit]').click();
    await count(boxes, 2);

    await page.locator('select[name=tag]').selectOption('');
    await page.locator('input[name=type-source]').uncheck();
    await page.locator('input[name=select]').fill('tag:');
    await page.locator('.graph-controls button[type=submit]').click();
    await contains(page.locator('.notice.error'), 'Selector:');
  });

  it('focuses a node with levels up and down and collapses folders', async () => {
    await page.goto(
      `${pathToFileURL(join(project.root, 'target/docs/index.html')).href}#/graph?focus=model.demo.worker&up=1&down=1`,
    );
    await contains(page.locator('.graph-canvas g.box.root'), 'silver.worker');
    await count(page.locator('.graph-canvas g.box'), 6);
    await page.locator('select[name=group]').selectOption('folders');
    await page.locator('.graph-controls button[type=submit]').click();
    await visible(page.locator('.graph-canvas g.box.folder').first());
    await shot('graph-focus-folders');
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('the documentation site of a 400-model project in chromium', () => {
  let root: string;
  let big: BrowserContext;
  let bigPage: Page;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'hrflow-docs-large-'));
    generateProject(root, 400);
    const code = await main(['node', 'hrflow', 'docs', 'generate', '--no-catalog'], {
      stdout: () => undefined,
      stderr: () => undefined,
      isTTY: false,
      cwd: root,
      env: {},
    });
    expect(code).toBe(0);
    const dataDir = mkdtempSync(join(tmpdir(), 'hrflow-chromium-'));
    big = await chromium.launchPersistentContext(dataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    bigPage = big.pages()[0] ?? (await big.newPage());
  });

  afterAll(async () => {
    await big?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('collapses folders, expands one on a double-click, and traces a gold column to its source', async () => {
    const base = pathToFileURL(join(root, 'target/docs/index.html')).href;
    await bigPage.goto(`${base}#/graph`);
    const boxes = bigPage.locator('.graph-canvas g.box');
    await count(boxes, 4);
    await contains(bigPage.locator('.graph-summary'), 'folders collapsed');

    await bigPage.locator('g.box', { hasText: 'models/silver/' }).dblclick();
    await count(boxes, 3 + 160);
    await bigPage.screenshot({ path: join(SHOTS, 'graph-large-expanded.png') });

    await bigPage.goto(`${base}#/column/model.bench.fct_1/total_c2`);
    await contains(bigPage.locator('pre.tree'), 'gold.fct_1.total_c2  (aggregated)');
    await contains(bigPage.locator('pre.tree'), 'raw.src_');
    await bigPage.screenshot({ path: join(SHOTS, 'column-lineage-large.png') });
  });
});

// Playwright's own waiting assertions live in @playwright/test; these poll the same way.
type Locator = ReturnType<Page['locator']>;

async function hasText(locator: Locator, text: string): Promise<void> {
  await expect.poll(async () => (await locator.first().textContent())?.trim()).toBe(text);
}

async function contains(locator: Locator, text: string): Promise<void> {
  await expect.poll(async () => (await locator.first().textContent()) ?? '').toContain(text);
}

async function lacks(locator: Locator, text: string): Promise<void> {
  await expect.poll(async () => (await locator.first().textContent()) ?? '').not.toContain(text);
}

async function count(locator: Locator, n: number): Promise<void> {
  await expect.poll(() => locator.count()).toBe(n);
}

async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}
