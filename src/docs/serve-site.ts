/**
 * `hrflow docs serve`: the generated folder over HTTP with node:http, on loopback unless told
 * otherwise. Static files only; nothing outside the folder is reachable.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { HrflowError } from '../core/errors.js';

/** A running server; `close` stops it and resolves when connections are done. */
export interface SiteServer {
  /** `http://127.0.0.1:8080/` */
  readonly url: string;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves `dir`; port 0 picks a free port. */
export async function serveSite(
  dir: string,
  port: number,
  host = '127.0.0.1',
): Promise<SiteServer> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new HrflowError('config-not-found', `no documentation site in ${dir}`, {
      hint: 'Run `hrflow docs generate` first.',
    });
  }
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = decodeSafely(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = pathname === undefined ? undefined : resolve(root, normalize(`.${pathname}`));
    const target =
      file && existsSync(file) && statSync(file).isDirectory() ? join(file, 'index.html') : file;
    if (!target || (target !== root && !target.startsWith(root + sep)) || !existsSync(target)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(target).pipe(res);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', (cause: NodeJS.ErrnoException) =>
      fail(
        new HrflowError('usage-invalid', `cannot listen on ${host}:${port}: ${cause.message}`, {
          hint: cause.code === 'EADDRINUSE' ? 'Pick another port with --port.' : undefined,
          cause,
        }),
      ),
    );
    server.listen(port, host, () => done());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        // A browser keeps connections open; stopping should not wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

function decodeSafely(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
