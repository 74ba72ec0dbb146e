import { accountIdForLogin, insertSignInEvent } from '../../db/queries/audit-trail';
import type { SignInResult, SignInWay } from '../../schemas/audit';
import type { EdgeServices } from '../runtime/edge-services';

/**
 * One try at signing in, as its handler knows it. `login` is the name as typed, or the provider's name for the
 * person; never a password, a one-time code or a token. `userId` when the handler knows whose account it was.
 */
export interface SignInTry {
  login: string;
  way: SignInWay;
  outcome: SignInResult;
  /** The `cf-connecting-ip` header, or 'unknown'. */
  address: string;
  userId?: string;
}

/** Long enough for any ID or phone; a page of text pasted into the name field is not kept. */
const loginKept = 64;

/**
 * Records a try at signing in after the answer has gone, so signing in is no slower for it. Whose account it was is
 * looked up then from the name typed, when the handler did not know; a wrong password for a name nobody has is
 * recorded as `unknownUser`. A write that fails is logged; the try has been answered.
 */
export function recordSignIn({ db, defer }: Pick<EdgeServices, 'db' | 'defer'>, attempt: SignInTry, at = new Date()) {
  const login = attempt.login.trim().slice(0, loginKept);
  const record = async () => {
    const userId = attempt.userId ?? (login ? await accountIdForLogin(db, login) : undefined);
    const outcome = attempt.outcome === 'wrongPassword' && !userId ? 'unknownUser' : attempt.outcome;
    await insertSignInEvent(db, { at: at.toISOString(), userId: userId ?? null, login, way: attempt.way, outcome, address: attempt.address.slice(0, 64) });
  };
  defer(record().catch((error: unknown) => console.error(`audit: a sign-in try (${attempt.way}, ${attempt.outcome}) was not recorded`, error)));
}
