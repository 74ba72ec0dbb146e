import type { SignedInUser } from '../db/queries/users';
import type { Lang } from './i18n/messages';

/** Bindings from wrangler.toml, `.dev.vars` and secrets. */
export interface Bindings {
  DB: D1Database;
  TEMPORAL_HTTP_URL: string;
  TEMPORAL_NAMESPACE: string;
  TEMPORAL_TASK_QUEUE: string;
  /** Temporal Cloud's API key; unset for a local dev server. */
  TEMPORAL_API_KEY?: string;
  /** Signs the worker's calls to /internal/*. */
  INTERNAL_SECRET: string;
  /** A JSON SLA policy; unset means the default. */
  SLA_POLICY?: string;
}

export interface Variables {
  user: SignedInUser;
  lang: Lang;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
