/** The browser side of the governed API: typed fetches with the session cookie and CSRF token. */

export interface Me {
  readonly name: string;
  readonly groups: readonly string[];
  readonly admin: boolean;
  readonly csrfToken: string | null;
}

export interface Panel {
  readonly id: string;
  readonly title: string;
  readonly dataset: string;
  readonly dims: readonly string[];
  readonly measures: readonly string[];
  readonly chart: 'kpi' | 'bar' | 'stacked' | 'line' | 'funnel' | 'table' | 'rows';
  readonly fixed?: Readonly<Record<string, readonly string[]>>;
  readonly drillDown?: boolean;
}

export interface Page {
  readonly id: string;
  readonly title: string;
  readonly orgFilters: boolean;
  readonly panels: readonly Panel[];
}

export interface DatasetInfo {
  readonly name: string;
  readonly kind: 'aggregate' | 'rows';
  readonly title: string;
  readonly definition: string;
  readonly readable: boolean;
  readonly filters: readonly { name: string; kind: 'values' | 'period'; label: string }[];
}

export type Value = number | string | null;

export interface Governance {
  readonly rowFilters: readonly string[];
  readonly masked: readonly string[];
  readonly minGroupSize: number;
  readonly suppressedCells: number;
}

export interface AggregateResult {
  readonly kind: 'aggregate';
  readonly dimensions: readonly { name: string; label: string }[];
  readonly measures: readonly { name: string; label: string }[];
  readonly rows: readonly {
    key: readonly (string | null)[];
    values: Readonly<Record<string, Value>>;
    suppressed: boolean;
    flagged?: boolean;
  }[];
  readonly total: { values: Readonly<Record<string, Value>>; suppressed: boolean };
  readonly governance: Governance;
}

export interface RowsResult {
  readonly kind: 'rows';
  readonly columns: readonly { name: string; label: string; masked: boolean }[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  readonly hasMore: boolean;
  readonly governance: Governance;
}

export type DatasetResult = AggregateResult | RowsResult;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new ApiError(response.status, body.error?.message ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

export async function postJson(
  path: string,
  body: unknown,
  csrf?: string | null,
): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: JSON.stringify(body),
  });
}
