import { dirname, join, resolve } from 'node:path';
import * as v from 'valibot';
import type { Bindings } from '../workers/env';

const whole = (fallback: string) => v.pipe(v.optional(v.string(), fallback), v.transform(Number), v.integer(), v.minValue(1));
const optionalText = v.optional(v.pipe(v.string(), v.nonEmpty()));

/**
 * The edge's settings on a county's servers, from its environment (deploy/fengqiao.env documents each line). The
 * app's own settings have the names they have on Cloudflare; the rest say how this process runs.
 */
export const countyEdgeEnvSchema = v.object({
  FENGQIAO_DATABASE: v.pipe(v.string('FENGQIAO_DATABASE must name the SQLite file'), v.nonEmpty()),
  FENGQIAO_CALLER_LIMITS: optionalText,
  FENGQIAO_ATTACHMENTS_DIR: optionalText,
  FENGQIAO_HOST: v.optional(v.string(), '127.0.0.1'),
  FENGQIAO_PORT: whole('8787'),
  FENGQIAO_CALLER_LIMIT: whole('1000'),
  FENGQIAO_EACH_MINUTE_MS: whole('60000'),
  FENGQIAO_METRICS_TOKEN: optionalText,
  INTERNAL_SECRET: v.pipe(v.string('INTERNAL_SECRET is required'), v.minLength(16, 'INTERNAL_SECRET needs 16 characters or more')),
  OPERATOR_TOKEN: optionalText,
  TEMPORAL_HTTP_URL: v.pipe(v.string('TEMPORAL_HTTP_URL is required'), v.url()),
  TEMPORAL_NAMESPACE: v.optional(v.string(), 'default'),
  TEMPORAL_TASK_QUEUE: v.optional(v.string(), 'fengqiao-cases'),
  TEMPORAL_API_KEY: optionalText,
  SLA_POLICY: optionalText,
  OUTBOX_BACKOFF_MS: optionalText,
  SESSION_IDLE_SECONDS: optionalText,
  SESSION_MAX_SECONDS: optionalText,
  SIGN_IN_FIRST_WAIT_MS: optionalText,
});

export interface CountyEdgeSettings {
  databaseFile: string;
  callerLimitsFile: string;
  /** The directory attachments' bytes are kept in. */
  attachmentsDir: string;
  host: string;
  port: number;
  callerLimit: number;
  eachMinuteMs: number;
  metricsToken?: string;
  bindings: Bindings;
}

/** The settings, or every line that is wrong, at once. */
export function countyEdgeSettings(env: NodeJS.ProcessEnv): CountyEdgeSettings {
  const parsed = v.safeParse(countyEdgeEnvSchema, env);
  if (!parsed.success) {
    const lines = parsed.issues.map((issue) => `  ${v.getDotPath(issue) ?? ''}: ${issue.message}`);
    throw new Error(`The edge's environment is not right:\n${lines.join('\n')}`);
  }
  const { FENGQIAO_DATABASE, FENGQIAO_CALLER_LIMITS, FENGQIAO_ATTACHMENTS_DIR, FENGQIAO_HOST, FENGQIAO_PORT, FENGQIAO_CALLER_LIMIT, FENGQIAO_EACH_MINUTE_MS, FENGQIAO_METRICS_TOKEN, ...bindings } =
    parsed.output;
  const databaseFile = resolve(FENGQIAO_DATABASE);
  return {
    databaseFile,
    callerLimitsFile: resolve(FENGQIAO_CALLER_LIMITS ?? join(dirname(databaseFile), 'caller-limits.sqlite')),
    attachmentsDir: resolve(FENGQIAO_ATTACHMENTS_DIR ?? join(dirname(databaseFile), 'attachments')),
    host: FENGQIAO_HOST,
    port: FENGQIAO_PORT,
    callerLimit: FENGQIAO_CALLER_LIMIT,
    eachMinuteMs: FENGQIAO_EACH_MINUTE_MS,
    metricsToken: FENGQIAO_METRICS_TOKEN,
    bindings,
  };
}
