/**
 * What the sandbox serves, read without the connector runtime: plain fetches that follow Link
 * cursors and offset pages. The integration suites compare bronze with these reads, so a
 * connector bug cannot hide behind the same code on both sides of a comparison.
 */
import type { Sandbox } from '../../sandbox/index.js';
import {
  greenhouseAccess,
  harvestAll,
  workday,
  workdayAccess,
} from '../../sandbox/testing/clients.js';

type Row = Record<string, unknown>;

/** Reads the sandbox as the connectors' credentials see it. */
export class SandboxReader {
  #greenhouse: string | undefined;
  #workday: string | undefined;

  constructor(private readonly sandbox: Sandbox) {}

  /** Every record of a Harvest list (`/candidates?private=false`), all pages. */
  async harvest(path: string): Promise<Row[]> {
    this.#greenhouse ??= await greenhouseAccess(
      this.sandbox,
      this.sandbox.credentials.GREENHOUSE_USER_ID,
    );
    const join = path.includes('?') ? '&' : '?';
    return harvestAll(this.sandbox, `${path}${join}per_page=500`, this.#greenhouse);
  }

  /** Every item of a Workday `{total, data}` list, all pages. */
  async workdayList(url: string): Promise<Row[]> {
    const rows: Row[] = [];
    for (let offset = 0; ; offset += 100) {
      const join = url.includes('?') ? '&' : '?';
      const body = await this.#workdayJson(`${url}${join}limit=100&offset=${offset}`);
      const page = body as { total?: unknown; data?: unknown };
      if (!Array.isArray(page.data) || typeof page.total !== 'number') {
        throw new Error(`GET ${url}: not a {total, data} page`);
      }
      rows.push(...(page.data as Row[]));
      if (page.data.length === 0 || rows.length >= page.total) return rows;
    }
  }

  /** One Workday object. */
  async workdayOne(url: string): Promise<Row> {
    return (await this.#workdayJson(url)) as Row;
  }

  /** The entries of a RaaS report with its prompts. */
  async report(name: string, prompts: Readonly<Record<string, string>>): Promise<Row[]> {
    const query = new URLSearchParams({ format: 'json', ...prompts });
    const body = await this.#workdayJson(
      `${this.sandbox.workday.raasUrl}/${name}?${query.toString()}`,
    );
    const entries = (body as { Report_Entry?: unknown }).Report_Entry;
    if (!Array.isArray(entries)) throw new Error(`report ${name}: no Report_Entry`);
    return entries as Row[];
  }

  async #workdayJson(url: string): Promise<unknown> {
    this.#workday ??= await workdayAccess(this.sandbox);
    const reply = await workday(url, this.#workday);
    if (reply.status !== 200 || reply.body === undefined) {
      throw new Error(`GET ${url} failed: ${reply.status} ${reply.text.slice(0, 200)}`);
    }
    return reply.body;
  }
}
