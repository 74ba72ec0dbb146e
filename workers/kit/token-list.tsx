import * as v from 'valibot';
import { formatLocal } from '../../domain/clocks/local-time';
import { newTokenSchema, tokenLifetimes, type NewToken } from '../../schemas/api-tokens';
import { fieldErrors, t, type Lang } from '../i18n/messages';
import type { Frame } from './frame';
import type { ListedToken } from '../middleware/personal-tokens';

const When = ({ at, frame }: { at: string | null; frame: Frame }) =>
  at ? <time datetime={at}>{formatLocal(at, frame.utcOffset)}</time> : <>{t(frame.lang, 'page.tokenNeverUsed')}</>;

/**
 * Tokens as cards, newest first: what each is for, whether it still works, when it ends and when it was last used,
 * and (while it works) a button that revokes it at `revokeAction(id)`.
 */
export function TokenList({ frame, tokens, revokeAction }: { frame: Frame; tokens: readonly ListedToken[]; revokeAction: (id: string) => string }) {
  const { lang } = frame;
  if (!tokens.length) return <p>{t(lang, 'page.tokensEmpty')}</p>;
  return (
    <ul class="cards" data-testid="tokens">
      {tokens.map((token) => (
        <li data-token-id={token.id}>
          <strong>{token.name}</strong> <span class={`tag token-${token.state}`}>{t(lang, `page.tokenState.${token.state}`)}</span>
          <dl class="summary">
            <dt>{t(lang, 'page.tokenCreated')}</dt>
            <dd>
              <When at={token.createdAt} frame={frame} />
              {token.createdBy === token.userId ? null : <> · {t(lang, 'page.tokenCreatedBy', { by: token.createdBy })}</>}
            </dd>
            <dt>{t(lang, token.state === 'revoked' ? 'page.tokenRevokedAt' : 'page.tokenExpires')}</dt>
            <dd>
              <When at={token.state === 'revoked' ? token.revokedAt : token.expiresAt} frame={frame} />
            </dd>
            <dt>{t(lang, 'page.tokenLastUsed')}</dt>
            <dd>
              <When at={token.lastUsedAt} frame={frame} />
            </dd>
          </dl>
          {token.state === 'active' ? (
            <form method="post" action={revokeAction(token.id)}>
              <input type="hidden" name="lang" value={lang} />
              <button type="submit" class="secondary" aria-label={t(lang, 'page.revokeTokenNamed', { name: token.name })}>
                {t(lang, 'page.revokeToken')}
              </button>
            </form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Name and lifetime of a new token; `values` keeps what was typed when the form comes back with a problem. */
export function NewTokenForm({ frame, action, values, problem }: { frame: Frame; action: string; values?: TokenFormValues; problem?: string }) {
  const { lang } = frame;
  const chosen = values?.expiresInDays ?? '90';
  return (
    <form method="post" action={action}>
      <input type="hidden" name="lang" value={lang} />
      <div class={problem ? 'field invalid' : 'field'}>
        <label for="token-name">{t(lang, 'page.tokenName')}</label>
        <p class="hint" id="token-name-hint">
          {t(lang, 'page.tokenNameHint')}
        </p>
        {problem ? (
          <p class="field-error" id="token-name-error">
            {problem}
          </p>
        ) : null}
        <input
          type="text"
          id="token-name"
          name="name"
          value={values?.name ?? ''}
          maxlength={60}
          required
          aria-describedby={problem ? 'token-name-hint token-name-error' : 'token-name-hint'}
          aria-invalid={problem ? 'true' : undefined}
        />
      </div>
      <div class="field">
        <label for="token-days">{t(lang, 'expiresInDays')}</label>
        <select id="token-days" name="expiresInDays">
          {tokenLifetimes.map((days) => (
            <option value={String(days)} selected={String(days) === chosen}>
              {t(lang, 'page.tokenDays', { days })}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t(lang, 'page.createToken')}</button>
    </form>
  );
}

/** The token itself, shown once: copy it now, it is not shown again. */
export function IssuedToken({ frame, token, name }: { frame: Frame; token: string; name: string }) {
  return (
    <div class="notice success" role="status">
      <p>{t(frame.lang, 'page.tokenIssued', { name })}</p>
      <p>
        <code data-testid="issued-token" class="issued-token">
          {token}
        </code>
      </p>
    </div>
  );
}

export type TokenFormValues = { name: string; expiresInDays: string };

/** The new-token form as the API reads a new token; else the first problem, worded, and what was typed. */
export function readTokenForm(body: Record<string, unknown>, lang: Lang): { request: NewToken } | { problem: string; values: TokenFormValues } {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const values = { name: text(body.name), expiresInDays: text(body.expiresInDays) };
  const parsed = v.safeParse(newTokenSchema, { name: values.name, expiresInDays: Number(values.expiresInDays) });
  if (parsed.success) return { request: parsed.output };
  return { problem: fieldErrors(parsed.issues, lang)[0]?.message ?? '', values };
}
