/**
 * What a user reads when a sync cannot go on, produced by the real CLI (or the runtime, for the
 * network) against the sandbox: bad credentials name the environment variables and quote the
 * token endpoint without the secret; a 403 explains Greenhouse's Site Admin and scope rules; a
 * network that stays down says what failed, what was kept and how to resume, and resuming works.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../cli/main.js';
import { formatError } from '../../core/errors.js';
import { startSandbox } from '../../sandbox/index.js';
import type { Sandbox, SandboxOptions } from '../../sandbox/index.js';
import { tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { bronzeDigest } from '../testing/bronze-digest.js';
import { startTestSandbox, syncFromSandbox, syncIntoNew } from '../testing/sandbox-sync.js';
import type { TestSandbox } from '../testing/sandbox-sync.js';

const REPO = join(import.meta.dirname, '../../..');

let project: TempProject | undefined;
const sandboxes: Sandbox[] = [];

afterEach(() => {
  project?.remove();
  project = undefined;
});

afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
});

async function sandboxWith(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ seed: 5, employees: 20, candidates: 40, ...options });
  sandboxes.push(sandbox);
  return sandbox;
}

/** `hrflow sync <selectors>` in a project whose dev target points at the sandbox. */
async function hrflowSync(
  sandbox: Sandbox,
  env: Record<string, string>,
  ...selectors: string[]
): Promise<{ code: number; stderr: string }> {
  project = tempProject({
    'hrflow.config.yaml': stringify({
      name: 'demo',
      catalog: 'hr_dev',
      targets: {
        dev: {
          adapter: 'duckdb',
          path: 'target/dev.duckdb',
          sources: {
            greenhouse: {
              base_url: sandbox.greenhouse.baseUrl,
              token_url: sandbox.greenhouse.tokenUrl,
            },
            workday: {
              base_url: sandbox.workday.baseUrl,
              tenant: sandbox.workday.tenant,
              report_owner: sandbox.workday.reportOwner,
            },
          },
        },
      },
    }),
  });
  cpSync(join(REPO, 'sources'), join(project.root, 'sources'), { recursive: true });
  let stderr = '';
  const code = await main(['node', 'hrflow', 'sync', ...selectors, '--project-dir', project.root], {
    stdout: () => undefined,
    stderr: (text) => (stderr += text),
    isTTY: false,
    cwd: project.root,
    env,
  });
  return { code, stderr };
}

describe('bad credentials', () => {
  it('Greenhouse: names the variables, quotes the token endpoint, never shows a secret', async () => {
    const sandbox = await sandboxWith();
    const wrong = 'gh-wrong-secret-0123456789';
    const { code, stderr } = await hrflowSync(
      sandbox,
      { ...sandbox.credentials, GREENHOUSE_CLIENT_SECRET: wrong },
      'greenhouse.candidates',
    );
    expect(code).toBe(1);
    expect(stderr).toContain('[source-auth-failed] greenhouse.candidates: greenhouse: the token');
    expect(stderr).toContain(sandbox.greenhouse.tokenUrl);
    expect(stderr).toContain('Nothing was read from greenhouse.candidates');
    expect(stderr).toContain('invalid_client');
    expect(stderr).toContain('GREENHOUSE_CLIENT_ID, GREENHOUSE_CLIENT_SECRET');
    expect(stderr).toContain('Dev Center');
    expect(stderr).not.toContain(wrong);
    expect(stderr).not.toContain(sandbox.credentials.GREENHOUSE_CLIENT_SECRET);
  });

  it('Workday: an unknown refresh token is invalid_grant, with what that means', async () => {
    const sandbox = await sandboxWith();
    const wrong = 'wd-wrong-refresh-token-0123456789';
    const { code, stderr } = await hrflowSync(
      sandbox,
      { ...sandbox.credentials, WORKDAY_REFRESH_TOKEN: wrong },
      'workday.workers',
    );
    expect(code).toBe(1);
    expect(stderr).toContain('invalid_grant');
    expect(stderr).toContain('WORKDAY_REFRESH_TOKEN');
    expect(stderr).toContain('Manage Refresh Tokens for Integrations');
    expect(stderr).not.toContain(wrong);
    expect(stderr).not.toContain(sandbox.credentials.WORKDAY_CLIENT_SECRET);
  });

  it('a missing variable is named before any request is made', async () => {
    const sandbox = await sandboxWith();
    const { GREENHOUSE_CLIENT_SECRET: _unset, ...env } = sandbox.credentials;
    const before = sandbox.faultStats().greenhouse.requests;
    const { code, stderr } = await hrflowSync(sandbox, env, 'greenhouse.candidates');
    expect(code).toBe(2);
    expect(stderr).toContain('GREENHOUSE_CLIENT_SECRET');
    expect(sandbox.faultStats().greenhouse.requests).toBe(before);
  });
});

describe('403 from Greenhouse', () => {
  it('a credential without the endpoint scope: names the scope and where to tick it', async () => {
    const sandbox = await sandboxWith({
      greenhouse: { scopes: ['harvest:applications:list'] },
    });
    const { code, stderr } = await hrflowSync(
      sandbox,
      sandbox.credentials,
      'greenhouse.candidates',
    );
    expect(code).toBe(1);
    expect(stderr).toContain('[source-forbidden]');
    expect(stderr).toContain('harvest:candidates:list');
    expect(stderr).toContain('Manage Scopes');
    expect(stderr).toContain('Site Admin');
  });

  it('a sub that is not a Site Admin: says the user must be one', async () => {
    const sandbox = await sandboxWith();
    const user = sandbox.world.company.users.find((u) => !u.siteAdmin);
    const { code, stderr } = await hrflowSync(
      sandbox,
      { ...sandbox.credentials, GREENHOUSE_USER_ID: String(user?.id) },
      'greenhouse.candidates',
    );
    expect(code).toBe(1);
    expect(stderr).toContain('[source-forbidden]');
    expect(stderr).toContain('List endpoints require a Site Admin user');
    expect(stderr).toContain('GREENHOUSE_USER_ID');
  });
});

describe('the network going down', () => {
  let test: TestSandbox;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hrflow-network-'));
    test = await startTestSandbox({ seed: 7, employees: 20, candidates: 200 });
  });

  afterAll(async () => {
    await test?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says what failed, what was kept and how to resume; resuming lands the rest', async () => {
    const options = {
      select: ['greenhouse.candidates'],
      specOptions: { greenhousePageSize: 20 },
      batchSize: 20,
    };
    const clean = await syncIntoNew(test, join(dir, 'clean.duckdb'), options, (w) =>
      bronzeDigest(w, 'greenhouse_candidates'),
    );
    const warehouse = await Warehouse.open({ path: join(dir, 'down.duckdb'), catalog: 'hr_test' });
    try {
      let commits = 0;
      const failed = await syncFromSandbox(test, warehouse, {
        ...options,
        reporter: {
          event: (event) => {
            // The cable is pulled once two batches have landed.
            if (event.kind === 'landed' && ++commits === 2) {
              test.sandbox.setFaults({ greenhouse: { connectionResetRate: 1 } });
            }
          },
        },
      });
      test.sandbox.setFaults({ greenhouse: {} });
      const error = failed.streams[0]?.error;
      expect(failed.failures).toBe(1);
      const text = formatError(error);
      expect(text).toContain('[source-network-down]');
      expect(text).toMatch(
        /GET http:\/\/127\.0\.0\.1:\d+\/v3\/candidates failed after 12 attempts/,
      );
      expect(text).toContain('the connection was reset');
      expect(text).toMatch(/Check the network between hrflow and 127\.0\.0\.1:\d+/);
      expect(text).toMatch(
        /\d+ new or changed rows from this run are kept in bronze\.greenhouse_candidates/,
      );
      expect(text).toContain('the cursor was not advanced');
      expect(text).toContain('Run `hrflow sync greenhouse.candidates` again');
      const kept = await bronzeDigest(warehouse, 'greenhouse_candidates');
      expect(kept.rows).toBeGreaterThan(0);
      expect(kept.rows).toBeLessThan(clean.rows);

      const resumed = await syncFromSandbox(test, warehouse, options);
      expect(resumed.failures).toBe(0);
      expect(await bronzeDigest(warehouse, 'greenhouse_candidates')).toEqual(clean);
    } finally {
      await warehouse.close();
    }
  });
});
