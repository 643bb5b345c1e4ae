/** Everything the HTTP routes need, built once by the server and passed in. */
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import type { BearerVerifier } from '../auth/bearer.js';
import type { LoginLimiter } from '../auth/login-limiter.js';
import type { Session, SessionStore } from '../auth/sessions.js';
import type { User } from '../auth/user.js';
import type { ServeSettings } from '../config/serve-config.js';
import type { DatasetService } from '../datasets/query-service.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { LiveUpdates } from '../live-updates.js';
import type { Metrics } from '../metrics.js';
import type { Row } from '../../warehouse/warehouse.js';
import type { ChangeTransport } from '../webhooks/change-transport.js';
import type { ReplayGuard } from '../webhooks/replay-guard.js';

export interface AppContext {
  readonly serve: ServeSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly datasets: DatasetService;
  readonly queue: JobQueue;
  readonly sessions: SessionStore;
  readonly limiter: LoginLimiter;
  readonly bearer?: BearerVerifier;
  /** The token in the discovery file; grants job submission to the local CLI. */
  readonly localToken: string;
  readonly metrics: Metrics;
  readonly live: LiveUpdates;
  readonly webhooks: {
    readonly greenhouse?: { readonly guard: ReplayGuard; readonly transport: ChangeTransport };
  };
  /** Runs read-only SQL on the warehouse for the local CLI (see `local-routes.ts`). */
  readonly readWarehouse: (sql: string) => Promise<Row[]>;
  /** Folder of the built web app (index.html, assets). */
  readonly webRoot: string;
  /** False until the warehouse and catalog are ready, and again while shutting down. */
  readonly ready: () => boolean;
}

/** Per-request values set by the authentication middleware. */
export interface AppVariables {
  user: User | undefined;
  session: Session | undefined;
}

export type AppEnv = { Variables: AppVariables };
