/** A small cookie-keeping client for serve's tests and benchmarks. */
import { createParser } from 'eventsource-parser';
import type { EventSourceMessage } from 'eventsource-parser';

export interface SignedIn {
  readonly cookie: string;
  readonly csrf: string;
}

export async function signIn(base: string, username: string, password: string): Promise<SignedIn> {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: HTTP ${response.status}`);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: body.csrfToken };
}

export async function getJson(
  base: string,
  path: string,
  who?: SignedIn,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${base}${path}`, {
    headers: { ...(who ? { cookie: who.cookie } : {}), ...headers },
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

/** Opens an SSE stream and collects its messages until `close()`. */
export async function openEvents(
  url: string,
  headers: Record<string, string>,
): Promise<{
  messages: EventSourceMessage[];
  close: () => void;
  next: (event: string) => Promise<EventSourceMessage>;
}> {
  const controller = new AbortController();
  const messages: EventSourceMessage[] = [];
  const waiting: { event: string; resolve: (m: EventSourceMessage) => void }[] = [];
  const taken = new Set<EventSourceMessage>();
  const parser = createParser({
    onEvent: (m) => {
      messages.push(m);
      const w = waiting.find((x) => x.event === m.event);
      if (!w) return;
      waiting.splice(waiting.indexOf(w), 1);
      taken.add(m);
      w.resolve(m);
    },
  });
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.body) throw new Error(`no stream from ${url}: HTTP ${response.status}`);
  void (async () => {
    try {
      for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
        parser.feed(chunk);
      }
    } catch {
      // aborted
    }
  })();
  return {
    messages,
    close: () => controller.abort(),
    // The first message of this event not handed out yet, waiting for it when needed.
    next: (event) => {
      const ready = messages.find((m) => m.event === event && !taken.has(m));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.push({ event, resolve }));
    },
  };
}
