/**
 * A source ready to run: parameters applied, secrets read from the environment (and registered
 * with the redactor), durations in milliseconds, defaults filled, streams ordered parents first.
 * Built by {@link resolveSource}; everything behind it trusts these values.
 */
import type { Template } from './template.js';

/** `greenhouse.candidates`: a source name and a stream name. */
export type SourceStreamId = string & { readonly __brand: 'SourceStreamId' };

export function streamId(source: string, stream: string): SourceStreamId {
  return `${source}.${stream}` as SourceStreamId;
}

export interface ResolvedSource {
  readonly name: string;
  readonly description: string | undefined;
  /** Parameter values after target overrides. */
  readonly params: Readonly<Record<string, string>>;
  readonly baseUrl: string;
  readonly auth: ResolvedAuth;
  readonly rateLimit: ResolvedRateLimit;
  readonly retry: ResolvedRetry;
  readonly concurrency: number;
  readonly streamConcurrency: number;
  readonly headers: readonly (readonly [string, Template])[];
  readonly hints: { readonly auth?: string; readonly forbidden?: string };
  /** Parents before children. */
  readonly streams: readonly ResolvedStream[];
  /**
   * Identifies the credential without revealing it (a hash of the client id or user name), so
   * the rate-limit budget is shared per source and credential.
   */
  readonly credentialKey: string;
}

export type ResolvedAuth =
  ResolvedClientCredentials | ResolvedRefreshToken | ResolvedBasicAuth | ResolvedBearerAuth;

interface ResolvedOAuthCommon {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clientAuth: 'basic' | 'body';
  readonly scope: string | undefined;
  readonly refreshMarginMs: number;
  readonly defaultLifetimeMs: number;
  /** The environment variables the secrets came from, for error messages. */
  readonly envNames: readonly string[];
}

export interface ResolvedClientCredentials extends ResolvedOAuthCommon {
  readonly kind: 'oauth2_client_credentials';
  readonly subject: string | undefined;
}

export interface ResolvedRefreshToken extends ResolvedOAuthCommon {
  readonly kind: 'oauth2_refresh_token';
  readonly refreshToken: string;
}

export interface ResolvedBasicAuth {
  readonly kind: 'basic';
  readonly username: string;
  readonly password: string;
  readonly envNames: readonly string[];
}

export interface ResolvedBearerAuth {
  readonly kind: 'bearer';
  readonly token: string;
  readonly envNames: readonly string[];
}

export interface ResolvedRateLimit {
  readonly requests: number;
  readonly windowMs: number;
  readonly refill: 'window' | 'continuous';
  readonly spread: boolean;
  readonly limitHeader: string | undefined;
  readonly remainingHeader: string | undefined;
  readonly resetHeader: string | undefined;
  readonly resetKind: 'epoch_seconds' | 'seconds';
}

export interface ResolvedRetry {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxTotalDelayMs: number;
  readonly timeoutMs: number;
}

export type ResolvedPagination =
  | { readonly kind: 'link_header'; readonly pageSizeParam?: string; readonly pageSize?: number }
  | {
      readonly kind: 'offset_limit';
      readonly limitParam: string;
      readonly offsetParam: string;
      readonly limit: number;
      readonly totalPath: readonly string[] | undefined;
    }
  | {
      readonly kind: 'cursor_param';
      readonly cursorParam: string;
      readonly cursorPath: readonly string[] | undefined;
      readonly cursorHeader: string | undefined;
      readonly pageSizeParam: string | undefined;
      readonly pageSize: number | undefined;
      readonly cursorOnly: boolean;
    }
  | {
      readonly kind: 'page_number';
      readonly pageParam: string | undefined;
      readonly pageSizeParam: string | undefined;
      readonly pageSize: number;
      readonly start: number;
      readonly totalPagesPath: readonly string[] | undefined;
    }
  | { readonly kind: 'none' };

export type PaginationKind = ResolvedPagination['kind'];

/** One part of a primary key. */
export type KeyPart =
  | { readonly kind: 'field'; readonly path: readonly string[] }
  | { readonly kind: 'parent'; readonly path: readonly string[] }
  | { readonly kind: 'template'; readonly template: Template };

export interface ResolvedIncremental {
  readonly cursorField: string;
  readonly params: readonly (readonly [string, Template])[];
  readonly lookbackMs: number;
  /** Epoch milliseconds. */
  readonly startMs: number;
  readonly endLagMs: number;
  readonly fullRefreshEveryMs: number | undefined;
}

export interface ResolvedReconcile {
  readonly everyMs: number | undefined;
  readonly params: readonly (readonly [string, Template])[];
  readonly maxDeleteFraction: number;
}

/** Query parameters that read given records: by the ids of `stream`, `param=<id>,<id>`. */
export interface ResolvedLookup {
  readonly by: readonly { readonly stream: string; readonly param: string }[];
  readonly maxIds: number;
}

export interface ResolvedStream {
  readonly id: SourceStreamId;
  readonly source: string;
  readonly name: string;
  /** Identifier of the bronze table (`greenhouse_candidates`). */
  readonly table: string;
  readonly description: string | undefined;
  readonly enabled: boolean;
  readonly method: 'GET' | 'POST';
  readonly path: Template;
  readonly params: readonly (readonly [string, Template])[];
  readonly headers: readonly (readonly [string, Template])[];
  readonly body:
    | {
        readonly format: 'xml' | 'json' | 'form';
        readonly template: Template;
        readonly contentType: string;
      }
    | undefined;
  readonly pagination: ResolvedPagination;
  readonly records: { readonly format: 'json' | 'xml'; readonly path: readonly string[] };
  readonly primaryKey: readonly KeyPart[];
  readonly incremental: ResolvedIncremental | undefined;
  readonly trackDeletes: boolean;
  readonly reconcile: ResolvedReconcile | undefined;
  readonly lookup: ResolvedLookup | undefined;
  readonly parent: { readonly stream: string; readonly concurrency: number } | undefined;
  readonly schema: Readonly<Record<string, unknown>> | undefined;
  readonly pii: Readonly<Record<string, readonly string[]>>;
  readonly effectiveDate: Template | undefined;
  readonly enteredAt: Template | undefined;
}
