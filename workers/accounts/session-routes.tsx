import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { endSessionsAlongside, passwordHashOf, setPassword } from '../../db/queries/accounts';
import { deleteSession, findUserById } from '../../db/queries/users';
import { userByBearer } from '../middleware/signed-in-users';
import { passwordProblem, passwordRules } from '../../domain/sign-in-backoff';
import type { Role } from '../../schemas/vocabulary';
import { hashPassword } from '../runtime/passwords';
import { firstSignInWaitOf } from '../middleware/session-limits';
import { signInWithPassword } from './sign-in';
import { sha256Hex } from '../runtime/crypto';
import type { AppEnv } from '../env';
import { pickLang, t } from '../i18n/messages';
import { requireUser, sessionCookie } from '../middleware/auth';
import { homeOf, type Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { signedIn, takeSignInTurn } from './sign-in-throttle';
import { frameOf } from '../kit/page-frame';
import { recordSignIn } from './sign-in-audit';
import type { SignInResult, SignInWay } from '../../schemas/audit';
import { pageError } from '../kit/page-errors';
import { beginSession } from './begin-session';
import { linksOf, providersInService } from '../../db/queries/sign-in-providers';
import { SsoButtons, SsoSection, ssoNotices, type ProviderChoice, type SsoProblem } from './sso-parts';
import { providerOrigins } from './oidc-trips';

export type { SsoProblem };

/**
 * Where to go after signing in: a path of this app, read as a browser reads it against the app's own origin, so
 * `/\\host`, `/<tab>/host` and their encoded forms cannot lead to another site; a control character or a
 * backslash anywhere sends the visitor home instead.
 */
export function safeNext(next: unknown, origin: string): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return undefined;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return undefined;
  }
  return url.origin === new URL(origin).origin ? `${url.pathname}${url.search}` : undefined;
}

type LoginNotice = { kind: 'badToken' } | { kind: 'badPassword' } | { kind: 'wait'; seconds: number } | { kind: 'locked' } | { kind: 'sso'; problem: SsoProblem };

function noticeText(lang: Frame['lang'], notice: LoginNotice) {
  if (notice.kind === 'wait') return t(lang, 'page.signInWait', { seconds: notice.seconds });
  if (notice.kind === 'locked') return t(lang, 'page.accountLocked');
  if (notice.kind === 'sso') return t(lang, `page.ssoProblem.${notice.problem}`);
  return t(lang, notice.kind === 'badToken' ? 'page.badToken' : 'page.badPassword');
}

function LoginPage({ frame, next, notice, login, providers = [] }: { frame: Frame; next: string | undefined; notice?: LoginNotice; login?: string; providers?: readonly ProviderChoice[] }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'page.loginTitle')}>
      {notice ? (
        <p class="notice important" role="alert">
          {noticeText(lang, notice)}
        </p>
      ) : null}
      <form method="post" action="/login">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <input type="hidden" name="lang" value={lang} />
        <div class="field">
          <label for="login">{t(lang, 'page.signInName')}</label>
          <input type="text" id="login" name="login" value={login ?? ''} autocomplete="username" autocapitalize="none" spellcheck={false} required />
        </div>
        <div class="field">
          <label for="password">{t(lang, 'page.password')}</label>
          <p class="hint" id="password-hint">
            {t(lang, 'page.passwordHint')}
          </p>
          <input type="password" id="password" name="password" autocomplete="current-password" aria-describedby="password-hint" required />
        </div>
        <button type="submit">{t(lang, 'page.login')}</button>
      </form>
      <SsoButtons frame={frame} providers={providers} next={next} />
      <details>
        <summary>{t(lang, 'page.signInWithToken')}</summary>
        <form method="post" action="/login">
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <input type="hidden" name="lang" value={lang} />
          <div class="field">
            <label for="token">{t(lang, 'page.token')}</label>
            <input type="password" id="token" name="token" autocomplete="off" required />
          </div>
          <button type="submit">{t(lang, 'page.login')}</button>
        </form>
      </details>
    </Layout>
  );
}

/** The sign-in page with a notice, as a trip to an identity provider that signed nobody in answers. */
export async function loginPageWith(c: Context<AppEnv>, notice: LoginNotice, status: 401 | 502) {
  const providers = await providersInService(c.get('services').db);
  return c.html(<LoginPage frame={await frameOf(c)} next={undefined} notice={notice} providers={providers} />, status);
}

type PasswordProblem = NonNullable<ReturnType<typeof passwordProblem>> | 'mismatch' | 'wrongCurrent' | 'wait';

interface SsoAccounts {
  providers: readonly ProviderChoice[];
  links: readonly { providerId: string; linkedAt: string }[];
  notice?: (typeof ssoNotices)[number];
}

function PasswordPage({ frame, first, problem, sso }: { frame: Frame; first: boolean; problem?: PasswordProblem; sso?: SsoAccounts }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'page.passwordTitle')}>
      {first ? <p class="notice">{t(lang, 'page.passwordFirst')}</p> : null}
      {problem ? (
        <p class="notice important" role="alert">
          {t(lang, `page.passwordProblem.${problem}`)}
        </p>
      ) : null}
      <form method="post" action="/account/password">
        <input type="hidden" name="lang" value={lang} />
        {first ? null : (
          <div class="field">
            <label for="current">{t(lang, 'page.currentPassword')}</label>
            <input type="password" id="current" name="current" autocomplete="current-password" required />
          </div>
        )}
        <div class="field">
          <label for="password">{t(lang, 'page.newPassword')}</label>
          <p class="hint" id="new-password-hint">
            {t(lang, 'page.newPasswordHint')}
          </p>
          <input type="password" id="password" name="password" autocomplete="new-password" minlength={passwordRules.minLength} aria-describedby="new-password-hint" required />
        </div>
        <div class="field">
          <label for="repeat">{t(lang, 'page.repeatPassword')}</label>
          <input type="password" id="repeat" name="repeat" autocomplete="new-password" required />
        </div>
        <button type="submit">{t(lang, 'page.savePassword')}</button>
      </form>
      {first ? null : (
        <p>
          <a href="/account/tokens">{t(lang, 'page.tokensLink')}</a>
        </p>
      )}
      {first || !sso ? null : <SsoSection frame={frame} {...sso} />}
      {first ? null : (
        <form method="post" action="/logout">
          <input type="hidden" name="everywhere" value="1" />
          <p class="hint">{t(lang, 'page.signOutEverywhereHint')}</p>
          <button type="submit" class="secondary">
            {t(lang, 'page.signOutEverywhere')}
          </button>
        </form>
      )}
    </Layout>
  );
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Signing in and out, and one's own password. Like every page form, these are checked for coming from this site (app.ts). */
export const sessionPages = new Hono<AppEnv>()
  .get('/login', async (c) => {
    const providers = await providersInService(c.get('services').db);
    return c.html(<LoginPage frame={await frameOf(c)} next={safeNext(c.req.query('next'), new URL(c.req.url).origin)} providers={providers} />);
  })
  .post('/login', async (c) => {
    const body = await c.req.parseBody();
    c.set('lang', pickLang(typeof body.lang === 'string' ? body.lang : undefined, c.req.header('accept-language')));
    const next = safeNext(body.next, new URL(c.req.url).origin);
    const { db } = c.get('services');
    const address = c.req.header('cf-connecting-ip') ?? 'unknown';
    const way: SignInWay = typeof body.token === 'string' ? 'token' : 'password';
    // Recorded after the answer; a token is never the name it is recorded under.
    const noteTry = (outcome: SignInResult, userId?: string, how: SignInWay = way) =>
      recordSignIn(c.get('services'), { login: way === 'token' ? '' : text(body.login), way: how, outcome, address, userId });
    const turn = await takeSignInTurn(db, address);
    if (!turn.allowed) {
      noteTry('throttled');
      c.header('retry-after', String(turn.retryAfterSeconds));
      return pageError(c, 429, { kind: 'signInThrottled', minutes: Math.ceil(turn.retryAfterSeconds / 60) });
    }
    const login = text(body.login).trim();
    let signed: { userId: string; role: Role; purpose: 'work' | 'set_password' } | undefined;
    if (typeof body.token === 'string') {
      const user = await userByBearer(db, body.token.trim(), c.get('services').defer);
      noteTry(user ? 'signedIn' : 'badToken', user?.id);
      if (!user) return c.html(<LoginPage frame={await frameOf(c)} next={next} notice={{ kind: 'badToken' }} />, 401);
      signed = { userId: user.id, role: user.role, purpose: 'work' };
    } else {
      const outcome = await signInWithPassword(db, login, text(body.password), firstSignInWaitOf(c.env));
      if (outcome.kind === 'signedIn') noteTry('signedIn', outcome.userId, outcome.purpose === 'set_password' ? 'oneTimeCode' : 'password');
      else noteTry(outcome.kind === 'wrong' ? 'wrongPassword' : outcome.kind);
      if (outcome.kind === 'wait') {
        c.header('retry-after', String(outcome.retryAfterSeconds));
        return c.html(<LoginPage frame={await frameOf(c)} next={next} login={login} notice={{ kind: 'wait', seconds: outcome.retryAfterSeconds }} />, 429);
      }
      if (outcome.kind === 'locked') return c.html(<LoginPage frame={await frameOf(c)} next={next} login={login} notice={{ kind: 'locked' }} />, 403);
      if (outcome.kind === 'wrong') return c.html(<LoginPage frame={await frameOf(c)} next={next} login={login} notice={{ kind: 'badPassword' }} />, 401);
      const user = await findUserById(db, outcome.userId);
      if (!user) return c.html(<LoginPage frame={await frameOf(c)} next={next} login={login} notice={{ kind: 'badPassword' }} />, 401);
      signed = { userId: user.id, role: user.role, purpose: outcome.purpose };
    }
    await signedIn(db, turn);
    await beginSession(c, signed.userId, signed.purpose);
    if (signed.purpose === 'set_password') return c.redirect('/account/password', 303);
    // Straight to the page they were sent from; else to the home of their role, not someone else's.
    return c.redirect(next && next !== '/' ? next : homeOf(signed.role), 303);
  })
  .post('/logout', async (c) => {
    const session = getCookie(c, sessionCookie);
    const { db } = c.get('services');
    if (session) {
      const tokenHash = await sha256Hex(session);
      const everywhere = (await c.req.parseBody()).everywhere === '1';
      await (everywhere ? endSessionsAlongside(db, tokenHash) : deleteSession(db, tokenHash));
    }
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.redirect('/login', 303);
  })
  .get('/account/password', requireUser('page'), async (c) => {
    const { db } = c.get('services');
    const user = c.get('user');
    // A person links accounts at their own county's providers: the county is the first place of their path.
    const county = user.jurisdictionPath.split('/')[1];
    const [providers, links] = await Promise.all([providersInService(db), linksOf(db, user.id)]);
    const notice = ssoNotices.find((each) => each === c.req.query('sso'));
    const sso = { providers: providers.filter((provider) => provider.countyCode === county), links, notice };
    // Linking leaves for the provider through a redirect after the form: the page must allow forms to go there.
    c.set('formTargets', await providerOrigins(db, sso.providers));
    return c.html(<PasswordPage frame={await frameOf(c)} first={c.get('sessionPurpose') === 'set_password'} sso={sso} />);
  })
  .post('/account/password', requireUser('page'), async (c) => {
    const body = await c.req.parseBody();
    const { db } = c.get('services');
    const user = c.get('user');
    const first = c.get('sessionPurpose') === 'set_password';
    const password = text(body.password);
    const refuse = async (problem: PasswordProblem) => c.html(<PasswordPage frame={await frameOf(c)} first={first} problem={problem} />, 422);
    if (!first) {
      // The current password is a sign-in of its own: wrong ones back off and lock as at the door.
      const proved = await signInWithPassword(db, user.id, text(body.current), firstSignInWaitOf(c.env));
      recordSignIn(c.get('services'), {
        login: user.id,
        way: 'currentPassword',
        outcome: proved.kind === 'wrong' ? 'wrongPassword' : proved.kind,
        address: c.req.header('cf-connecting-ip') ?? 'unknown',
        userId: user.id,
      });
      if (proved.kind === 'wait') {
        c.header('retry-after', String(proved.retryAfterSeconds));
        return c.html(<PasswordPage frame={await frameOf(c)} first={first} problem="wait" />, 429);
      }
      if (proved.kind === 'locked') return c.redirect('/login', 303);
      if (proved.kind !== 'signedIn') return refuse('wrongCurrent');
    }
    const account = await passwordHashOf(db, user.id);
    const problem = passwordProblem(password, { id: user.id, phone: account?.phone });
    if (problem) return refuse(problem);
    if (password !== text(body.repeat)) return refuse('mismatch');
    const session = getCookie(c, sessionCookie) ?? '';
    await setPassword(db, user.id, await hashPassword(password), await sha256Hex(session));
    return c.redirect(homeOf(user.role), 303);
  })
  .get('/', requireUser('page'), (c) => c.redirect(homeOf(c.get('user').role), 302));
