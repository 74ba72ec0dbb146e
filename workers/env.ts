import type { TimingVariables } from 'hono/timing';
import type { SignedInUser } from '../db/queries/users';
import type { Lang } from './i18n/messages';
import type { EdgeServices } from './runtime/edge-services';
import type { TemporalBindings } from './sync/gateway';

/**
 * Settings and secrets: from wrangler.toml, `.dev.vars` and secrets on Cloudflare, from the environment file on a
 * county's servers (deploy/fengqiao.env). The database is the platform's (runtime/platform.ts).
 */
export interface Bindings extends TemporalBindings {
  /** Counts each caller's requests (workers/middleware/rate-limit.ts); unset, nobody is limited. */
  CALLER_LIMIT?: RateLimit;
  /** Signs the worker's calls to /internal/*. */
  INTERNAL_SECRET: string;
  /**
   * The platform operator's bearer token: whoever runs the deployment opens counties and their first admins with it
   * (POST /api/counties), and nothing else. Unset, nobody can.
   */
  OPERATOR_TOKEN?: string;
  /** A JSON SLA policy; unset means the default. */
  SLA_POLICY?: string;
  /** Milliseconds before a refused outbox row is tried again, doubling after each refusal; unset means a minute. */
  OUTBOX_BACKOFF_MS?: string;
  /** Seconds a page session may stay unused, and at most last; unset means domain/sign-in-backoff.ts's. */
  SESSION_IDLE_SECONDS?: string;
  SESSION_MAX_SECONDS?: string;
  /** Milliseconds of the first wait after the free wrong passwords, doubling after; unset means a second. */
  SIGN_IN_FIRST_WAIT_MS?: string;
}

export interface Variables extends TimingVariables {
  user: SignedInUser;
  /** For a page session: whether it may work, or only set its password (a one-time code's). */
  sessionPurpose?: 'work' | 'set_password';
  lang: Lang;
  services: EdgeServices;
  /** Set by the platform before the app when it names requests itself (server/metrics.ts). */
  requestId?: string;
  /** Other sites a page's forms may lead to (a county's identity platform, for linking an account there). */
  formTargets?: string[];
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
