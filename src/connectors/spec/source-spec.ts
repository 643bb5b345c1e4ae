/**
 * The source spec as written in `sources/<name>.yaml`, mirroring
 * `schemas/source-spec.schema.json` key for key. Values are as the user wrote them: durations are
 * strings such as `30s`, templates still hold `{placeholders}`, secrets are environment variable
 * names. {@link resolveSource} turns a spec plus per-target overrides and the environment into a
 * {@link ResolvedSource} the runtime executes.
 */

/** A duration: a whole number and a unit, `250ms`, `30s`, `5m`, `1h`, `7d`. */
export type DurationText = string;

/**
 * A string with `{name}` placeholders. Names are spec parameters (`{base_url}`) or values the
 * runtime supplies: `{start}`, `{end}`, `{start_date}`, `{end_date}` (incremental window),
 * `{run_started_at}`, `{run_date}`, `{page}`, `{page_size}`, `{offset}`, `{parent.<path>}`
 * (fan-out) and `{record.<path>}` (per-record columns). `{{` and `}}` are literal braces.
 */
export type TemplateText = string;

export interface SourceSpec {
  /** Source name: the first half of `source('greenhouse', 'candidates')` and of table names. */
  readonly name: string;
  readonly description?: string;
  /** Values a target may override (`targets.<t>.sources.<name>.<param>`), with defaults. */
  readonly parameters?: Readonly<Record<string, ParameterSpec>>;
  /** Prefix of every stream path. */
  readonly base_url: TemplateText;
  readonly auth: AuthSpec;
  readonly rate_limit?: RateLimitSpec;
  readonly retry?: RetrySpec;
  /** Most HTTP requests in flight at once for this source. */
  readonly concurrency?: number;
  /** Most streams synced at once for this source. */
  readonly stream_concurrency?: number;
  /** Headers sent on every request (never secrets: those come through `auth`). */
  readonly headers?: Readonly<Record<string, TemplateText>>;
  /** Source freshness for the engine's `source freshness` checks. */
  readonly freshness?: FreshnessSpec;
  /** Source-specific advice added to errors, keyed by error situation. */
  readonly hints?: HintsSpec;
  /** Values every stream inherits unless it sets its own. */
  readonly defaults?: StreamDefaults;
  /** Streams keyed by name (`[a-z][a-z0-9_]*`). */
  readonly streams: Readonly<Record<string, StreamSpec>>;
}

export interface ParameterSpec {
  /** Used when no target overrides the parameter. */
  readonly default: string;
  readonly description?: string;
}

export type AuthSpec =
  OAuth2ClientCredentialsSpec | OAuth2RefreshTokenSpec | BasicAuthSpec | BearerAuthSpec;

/** How an OAuth client proves its identity at the token endpoint (RFC 6749 §2.3.1). */
export type ClientAuthMethod = 'basic' | 'body';

interface OAuth2Common {
  readonly token_url: TemplateText;
  /** Environment variable holding the client id. */
  readonly client_id_env: string;
  /** Environment variable holding the client secret. */
  readonly client_secret_env: string;
  /** `basic` sends `client_id:client_secret` as HTTP Basic, `body` as form fields. */
  readonly client_auth?: ClientAuthMethod;
  /** Space-separated scopes to request; most providers configure scopes on the client instead. */
  readonly scope?: string;
  /** Mint a new token this long before the current one expires. */
  readonly refresh_margin?: DurationText;
  /** Assumed lifetime when the token response carries neither `expires_at` nor `expires_in`. */
  readonly default_lifetime?: DurationText;
}

/** Client-credentials grant (Greenhouse Harvest v3). */
export interface OAuth2ClientCredentialsSpec extends OAuth2Common {
  readonly kind: 'oauth2_client_credentials';
  /** Optional environment variable whose value is sent as `sub` (act as this user). */
  readonly subject_env?: string;
}

/** Refresh-token grant (Workday API client for integrations). */
export interface OAuth2RefreshTokenSpec extends OAuth2Common {
  readonly kind: 'oauth2_refresh_token';
  /** Environment variable holding the refresh token issued to the integration user. */
  readonly refresh_token_env: string;
}

export interface BasicAuthSpec {
  readonly kind: 'basic';
  readonly username_env: string;
  readonly password_env: string;
}

export interface BearerAuthSpec {
  readonly kind: 'bearer';
  readonly token_env: string;
}

export interface RateLimitSpec {
  /** Requests allowed per window: the bucket's size until the server reports its own. */
  readonly requests: number;
  /** Window length. */
  readonly per: DurationText;
  /**
   * `window`: the whole budget comes back when the server's window resets (Greenhouse's fixed
   * 30-second window). `continuous`: tokens drip back at `requests / per`.
   */
  readonly refill?: 'window' | 'continuous';
  /** Spread requests evenly over what is left of the window instead of bursting. */
  readonly spread?: boolean;
  /** Response headers that correct the bucket. Names are case-insensitive. */
  readonly headers?: RateLimitHeadersSpec;
}

export interface RateLimitHeadersSpec {
  /** Allowance per window (`X-RateLimit-Limit`). */
  readonly limit?: string;
  /** Requests left (`X-RateLimit-Remaining`, `wd-ratelimit-tokens-remaining`). */
  readonly remaining?: string;
  /** When the window resets (`X-RateLimit-Reset`). */
  readonly reset?: string;
  /** `epoch_seconds` (an absolute time) or `seconds` (a delay from now). */
  readonly reset_kind?: 'epoch_seconds' | 'seconds';
}

export interface RetrySpec {
  /** Attempts per request, the first included. */
  readonly max_attempts?: number;
  /** First backoff ceiling; doubles each attempt (full jitter draws below it). */
  readonly base_delay?: DurationText;
  /** Largest single backoff. */
  readonly max_delay?: DurationText;
  /** Give up once this much time has been spent waiting for one request. */
  readonly max_total_delay?: DurationText;
  /** Time allowed for one HTTP exchange, body included. */
  readonly timeout?: DurationText;
}

export interface FreshnessSpec {
  readonly warn_after?: DurationText;
  readonly error_after?: DurationText;
}

export interface HintsSpec {
  /** Added to `source-auth-failed` errors. */
  readonly auth?: string;
  /** Added to `source-forbidden` errors (403). */
  readonly forbidden?: string;
}

export interface StreamDefaults {
  readonly pagination?: PaginationSpec;
  readonly records?: RecordsSpec;
  readonly method?: 'GET' | 'POST';
}

export type PaginationSpec =
  | LinkHeaderPaginationSpec
  | OffsetLimitPaginationSpec
  | CursorParamPaginationSpec
  | PageNumberPaginationSpec
  | NoPaginationSpec;

/** Follow `Link: <url>; rel="next"` exactly as given; later pages carry only the cursor. */
export interface LinkHeaderPaginationSpec {
  readonly kind: 'link_header';
  /** Query parameter for the page size, sent on the first request only. */
  readonly page_size_param?: string;
  readonly page_size?: number;
}

/** `limit`/`offset` query parameters with a `total` in the body (Workday REST). */
export interface OffsetLimitPaginationSpec {
  readonly kind: 'offset_limit';
  readonly limit_param?: string;
  readonly offset_param?: string;
  readonly limit: number;
  /** Dotted path of the total count in the body; without it, a short page ends the stream. */
  readonly total_path?: string;
}

/** A cursor taken from the body (or a header) and sent back as a query parameter. */
export interface CursorParamPaginationSpec {
  readonly kind: 'cursor_param';
  readonly cursor_param: string;
  /** Dotted path of the next cursor in the body. */
  readonly cursor_path?: string;
  /** Header carrying the next cursor, instead of the body. */
  readonly cursor_header?: string;
  readonly page_size_param?: string;
  readonly page_size?: number;
  /** Send the cursor alone on later pages, dropping the first request's parameters. */
  readonly cursor_only?: boolean;
}

/** Numbered pages, in the query or (through `{page}`) in a request body such as SOAP's `Page`. */
export interface PageNumberPaginationSpec {
  readonly kind: 'page_number';
  /** Query parameter for the page number; omit when the body template places `{page}`. */
  readonly page_param?: string;
  readonly page_size_param?: string;
  readonly page_size: number;
  /** Number of the first page. */
  readonly start?: number;
  /** Dotted path of the total page count in the body. */
  readonly total_pages_path?: string;
}

export interface NoPaginationSpec {
  readonly kind: 'none';
}

/** Where the records are in a response body. */
export interface RecordsSpec {
  /** `json` or `xml` (namespaces prefixes dropped, attributes as `@name`, text as `#text`). */
  readonly format?: 'json' | 'xml';
  /**
   * Dotted path to the records: `data`, `Report_Entry`, `Envelope.Body.Get_Workers_Response.
   * Response_Data.Worker`; empty for a bare array. An object found there is one record.
   */
  readonly path?: string;
}

export interface RequestBodySpec {
  /** `xml` escapes placeholder values for XML; `json` for JSON strings; `form` URL-encodes. */
  readonly format: 'xml' | 'json' | 'form';
  readonly template: TemplateText;
  /** Content-Type header; defaults by format. */
  readonly content_type?: string;
}

export interface IncrementalSpec {
  /** Record field the window filters on (documentation and quarantine checks). */
  readonly cursor_field: string;
  /** Query parameters carrying the window, e.g. `updated_at: 'gte|{start}|lte|{end}'`. */
  readonly params?: Readonly<Record<string, TemplateText>>;
  /** The window starts this long before the last window's end, to catch late writes. */
  readonly lookback?: DurationText;
  /** Start of the first window, ISO-8601. */
  readonly start: string;
  /** The window ends this long before the run started (indexing lag). */
  readonly end_lag?: DurationText;
  /** Re-read everything when the last full read is older than this. */
  readonly full_refresh_every?: DurationText;
}

/** Find deleted records by listing every id and writing tombstones for ids that disappeared. */
export interface ReconcileSpec {
  /** Run the listing when the last one is older than this; every sync when absent. */
  readonly every?: DurationText;
  /** Extra query parameters for the listing, such as `fields: id`. */
  readonly params?: Readonly<Record<string, TemplateText>>;
  /** Refuse to tombstone more than this fraction of live ids in one go (a permissions slip). */
  readonly max_delete_fraction?: number;
}

/**
 * Reading given records only: `by` maps a stream of the same source to the query parameter
 * that filters this stream by that stream's ids (`candidates: ids` on candidates,
 * `candidates: candidate_ids` on applications).
 */
export interface LookupSpec {
  readonly by: Readonly<Record<string, string>>;
  /** Most ids one request may carry; 50 when absent. */
  readonly max_ids?: number;
}

/** Re-read once per record of another stream (Workday worker detail). */
export interface ParentSpec {
  readonly stream: string;
  /** Most child requests in flight at once. */
  readonly concurrency?: number;
}

export interface StreamSpec {
  readonly description?: string;
  /** False (or a parameter that renders to `false`) skips the stream. */
  readonly enabled?: boolean | TemplateText;
  /** Appended to the source's `base_url`; may hold `{parent.<path>}`. */
  readonly path: TemplateText;
  readonly method?: 'GET' | 'POST';
  /** Query parameters on the first request. */
  readonly params?: Readonly<Record<string, TemplateText>>;
  readonly headers?: Readonly<Record<string, TemplateText>>;
  readonly body?: RequestBodySpec;
  readonly pagination?: PaginationSpec;
  readonly records?: RecordsSpec;
  /**
   * Fields (dotted paths) whose values, joined with `|`, identify a record. `$parent.<path>`
   * takes a value from the parent record; `{template}` values such as `{run_date}` are allowed.
   */
  readonly primary_key: readonly string[];
  readonly incremental?: IncrementalSpec;
  /** For full-refresh streams: tombstone ids missing from a complete read. */
  readonly track_deletes?: boolean;
  readonly reconcile?: ReconcileSpec;
  readonly lookup?: LookupSpec;
  readonly parent?: ParentSpec;
  /** JSON Schema every record must satisfy; failures go to `bronze._quarantine`. */
  readonly schema?: Readonly<Record<string, unknown>>;
  /** PII tags per payload field (dotted path), e.g. `email_addresses: [contact]`. */
  readonly pii?: Readonly<Record<string, readonly string[]>>;
  /** Business effective date of each row, e.g. `{run_date}` or `{record.Effective_Date}`. */
  readonly effective_date?: TemplateText;
  /** Moment the row's data was entered in the source, e.g. `{run_started_at}`. */
  readonly entered_at?: TemplateText;
  readonly freshness?: FreshnessSpec;
}
