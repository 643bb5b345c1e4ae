/**
 * Turns a handler's reply into bytes on the wire, passing through the fault injector: truncated
 * bodies are sent with chunked encoding and cut halfway, so the client sees status 200 and a body
 * that does not parse.
 */
import type { ServerResponse } from 'node:http';
import type { FaultInjector } from './faults.js';
import type { Reply } from './server-kit.js';
import { encodeReply, writeReply } from './server-kit.js';

export function respond(res: ServerResponse, reply: Reply, faults: FaultInjector | null): void {
  if (!faults || reply.status >= 300 || reply.body === undefined || !faults.truncate()) {
    writeReply(res, reply);
    return;
  }
  const { bytes, contentType } = encodeReply(reply);
  res.writeHead(reply.status, { 'content-type': contentType, ...reply.headers });
  res.end(bytes.subarray(0, Math.floor(bytes.length / 2)));
}
