import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { findProvider, saveProvider, type SignInProvider } from '../../db/queries/sign-in-providers';
import { signInProviderSchema } from '../../schemas/sign-in-provider';
import type { AppEnv } from '../env';
import { customError, fieldErrors, t, tField, type FieldError } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { ErrorSummary } from '../kit/error-summary';
import { formBody } from '../kit/form-body';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { pageError, requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';
import { discoveredServer, onThisMachine } from '../runtime/oidc-discovery';
import { seal } from '../runtime/sealed';

const providerIdOf = (county: string) => `oidc-${county}`;
const countyOf = (path: string) => path.split('/')[1]!;

type Values = { name: string; issuer: string; clientId: string; inService: boolean };

function Field({ frame, name, type = 'text', value, hint, errors, autocomplete }: { frame: Frame; name: string; type?: string; value: string; hint?: string; errors: readonly FieldError[]; autocomplete?: string }) {
  const error = errors.find((each) => each.field === name);
  const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={name}>{tField(frame.lang, name)}</label>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${name}-error`}>
          {error.message}
        </p>
      ) : null}
      <input type={type} id={name} name={name} value={value} autocomplete={autocomplete} aria-describedby={described || undefined} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

function ProviderPage({ frame, values, errors, saved, hasSecret, callbackUrl }: { frame: Frame; values: Values; errors: readonly FieldError[]; saved: boolean; hasSecret: boolean; callbackUrl: string }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'page.ssoAdmin.title')}>
      <p class="lead">{t(lang, 'page.ssoAdmin.lead')}</p>
      {saved ? (
        <p class="notice success" role="status">
          {t(lang, 'page.ssoAdmin.saved')}
        </p>
      ) : null}
      <ErrorSummary lang={lang} errors={errors} />
      <p>
        {t(lang, 'page.ssoAdmin.callback')} <code data-testid="callback-url">{callbackUrl}</code>
      </p>
      <form method="post" action="/admin/sign-in">
        <input type="hidden" name="lang" value={lang} />
        <Field frame={frame} name="name" value={values.name} hint={t(lang, 'page.ssoAdmin.hint.name')} errors={errors} />
        <Field frame={frame} name="issuer" type="url" value={values.issuer} hint={t(lang, 'page.ssoAdmin.hint.issuer')} errors={errors} />
        <Field frame={frame} name="clientId" value={values.clientId} errors={errors} autocomplete="off" />
        <Field
          frame={frame}
          name="clientSecret"
          type="password"
          value=""
          hint={t(lang, hasSecret ? 'page.ssoAdmin.hint.secretKept' : 'page.ssoAdmin.hint.secret')}
          errors={errors}
          autocomplete="new-password"
        />
        <div class="field">
          <label class="choice">
            <input type="checkbox" name="inService" value="on" checked={values.inService} />
            {tField(lang, 'inService')}
          </label>
        </div>
        <button type="submit">{t(lang, 'page.ssoAdmin.save')}</button>
      </form>
    </Layout>
  );
}

const valuesOf = (provider: SignInProvider | undefined): Values => ({
  name: provider?.name ?? '',
  issuer: provider?.issuer ?? '',
  clientId: provider?.clientId ?? '',
  inService: provider ? !provider.disabledAt : false,
});

/** Only the county's own admin sets up the county's provider: a station's admin keeps their station. */
async function countyAdminOnly(c: Context<AppEnv>) {
  const admin = c.get('user');
  const county = countyOf(admin.jurisdictionPath);
  return admin.jurisdictionCode === county ? county : undefined;
}

async function page(c: Context<AppEnv>, county: string, shown: { values?: Values; errors?: FieldError[]; saved?: boolean } = {}, status: 200 | 422 = 200) {
  const provider = await findProvider(c.get('services').db, providerIdOf(county));
  const callbackUrl = `${new URL(c.req.url).origin}/login/sso/callback`;
  return c.html(
    <ProviderPage frame={await frameOf(c)} values={shown.values ?? valuesOf(provider)} errors={shown.errors ?? []} saved={shown.saved ?? false} hasSecret={!!provider} callbackUrl={callbackUrl} />,
    status,
  );
}

/**
 * The county's identity provider (OpenID Connect), set up by the county's admin: its name on the sign-in button,
 * its issuer, and the client the county registered there. Saving reads the provider's discovery document first, so a
 * wrong issuer is said here, not at a person's first sign-in. The secret is sealed and never shown again.
 */
export const signInProviderPages = new Hono<AppEnv>()
  .use('/admin/sign-in', requireUser('page'), requirePagePermission('manageUsers'))
  .get('/admin/sign-in', async (c) => {
    const county = await countyAdminOnly(c);
    return county ? page(c, county, { saved: c.req.query('saved') === '1' }) : pageError(c, 403);
  })
  .post('/admin/sign-in', async (c) => {
    const county = await countyAdminOnly(c);
    if (!county) return pageError(c, 403);
    const body = await formBody(c);
    const lang = c.get('lang');
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const values: Values = { name: text(body.name), issuer: text(body.issuer), clientId: text(body.clientId), inService: body.inService === 'on' };
    const parsed = v.safeParse(signInProviderSchema, { ...values, clientSecret: text(body.clientSecret) });
    const errors = parsed.success ? [] : fieldErrors(parsed.issues, lang);
    const { db } = c.get('services');
    const id = providerIdOf(county);
    const current = await findProvider(db, id);
    if (parsed.success) {
      const issuer = new URL(parsed.output.issuer);
      if (issuer.protocol !== 'https:' && !onThisMachine(issuer)) errors.push(customError(lang, 'issuer', 'issuerHttps'));
      else if (!parsed.output.clientSecret && !current) errors.push(customError(lang, 'clientSecret', 'missing'));
      else {
        try {
          await discoveredServer(parsed.output.issuer);
        } catch {
          errors.push(customError(lang, 'issuer', 'issuerUnreachable'));
        }
      }
    }
    if (!parsed.success || errors.length) return page(c, county, { values, errors }, 422);
    const settings = parsed.output;
    await saveProvider(db, {
      id,
      countyCode: county,
      name: settings.name,
      issuer: settings.issuer,
      clientId: settings.clientId,
      clientSecretSealed: settings.clientSecret ? await seal(settings.clientSecret, c.env.INTERNAL_SECRET) : current!.clientSecretSealed,
      updatedBy: c.get('user').id,
      updatedAt: new Date().toISOString(),
      disabledAt: settings.inService ? null : (current?.disabledAt ?? new Date().toISOString()),
    });
    return c.redirect('/admin/sign-in?saved=1', 303);
  });
