import { sessionLimits, signInBackoff, type SessionLimits } from '../../domain/sign-in-backoff';

/** The session limits in force: the domain's, unless the deployment sets its own (seconds, as wrangler vars). */
export function sessionLimitsOf(env: { SESSION_IDLE_SECONDS?: string; SESSION_MAX_SECONDS?: string }): SessionLimits {
  const seconds = (value: string | undefined) => (value && Number(value) > 0 ? Number(value) * 1000 : undefined);
  const idleMs = seconds(env.SESSION_IDLE_SECONDS) ?? sessionLimits.idleMs;
  return {
    idleMs,
    absoluteMs: seconds(env.SESSION_MAX_SECONDS) ?? sessionLimits.absoluteMs,
    // A session is written to at most once a minute, and more often only when its idle time is shorter than that.
    touchEveryMs: Math.min(sessionLimits.touchEveryMs, idleMs / 4),
  };
}

/** The first wait after the free wrong passwords: the domain's, unless the deployment sets its own (milliseconds). */
export const firstSignInWaitOf = (env: { SIGN_IN_FIRST_WAIT_MS?: string }) => (Number(env.SIGN_IN_FIRST_WAIT_MS) > 0 ? Number(env.SIGN_IN_FIRST_WAIT_MS) : signInBackoff.firstWaitMs);
