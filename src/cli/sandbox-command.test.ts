import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/log.js';
import { main } from './main.js';
import { runSandbox } from './sandbox-command.js';
import type { CliIo, CommandContext } from './context.js';

function memoryIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    isTTY: false,
    cwd: process.cwd(),
    env: {},
  };
}

describe('hrflow sandbox', () => {
  it('prints URL and credential lines, serves until stopped, then closes', async () => {
    const io = memoryIo();
    const context: CommandContext = {
      io,
      logger: silentLogger,
      globals: { projectDir: io.cwd, logFormat: 'text', logLevel: 'info' },
    };
    let release: () => void = () => undefined;
    const stop = new Promise<void>((resolve) => (release = resolve));
    const running = runSandbox(
      { seed: '7', employees: 60, candidates: 200, asOf: '2026-01-31' },
      context,
      stop,
    );
    while (io.out.length === 0) await new Promise((resolve) => setImmediate(resolve));

    const environment = Object.fromEntries(
      io.out
        .join('')
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    for (const name of [
      'GREENHOUSE_BASE_URL',
      'GREENHOUSE_TOKEN_URL',
      'WORKDAY_BASE_URL',
      'WORKDAY_TENANT',
      'WORKDAY_TOKEN_URL',
      'GREENHOUSE_CLIENT_ID',
      'GREENHOUSE_CLIENT_SECRET',
      'GREENHOUSE_USER_ID',
      'WORKDAY_CLIENT_ID',
      'WORKDAY_CLIENT_SECRET',
      'WORKDAY_REFRESH_TOKEN',
    ]) {
      expect(environment[name], name).toBeTruthy();
    }
    const basic = Buffer.from(
      `${environment.GREENHOUSE_CLIENT_ID}:${environment.GREENHOUSE_CLIENT_SECRET}`,
    ).toString('base64');
    const token = await fetch(String(environment.GREENHOUSE_TOKEN_URL), {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `grant_type=client_credentials&sub=${environment.GREENHOUSE_USER_ID}`,
    });
    expect(token.status).toBe(200);

    release();
    await expect(running).resolves.toEqual({ failures: 0 });
    await expect(
      fetch(String(environment.GREENHOUSE_TOKEN_URL), { method: 'POST' }),
    ).rejects.toThrow();
  });

  it('exits 2 with a hint on an unreadable --faults value', async () => {
    const io = memoryIo();
    const code = await main(['node', 'hrflow', 'sandbox', '--faults', '5xx=lots'], io);
    expect(code).toBe(2);
    expect(io.err.join('')).toContain('usage-invalid');
  });
});
