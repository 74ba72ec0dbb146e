import type { UserRecord } from '../../db/queries/users';
import { t } from '../i18n/messages';
import type { Frame } from '../kit/frame';
import { IssuedToken, NewTokenForm, TokenList, type TokenFormValues } from '../kit/token-list';
import type { ListedToken } from '../middleware/personal-tokens';

export interface TokensShown {
  /** A token just made, shown this once. */
  issued?: { token: string; name: string };
  problem?: string;
  values?: TokenFormValues;
}

const tokensAction = (user: UserRecord, rest = '') => `/admin/users/${encodeURIComponent(user.id)}/tokens${rest}`;

/** The user's tokens for programs: each with its last use and a revoke button, and a form for an integration's token. */
export function UserTokensSection({ frame, user, tokens, shown = {} }: { frame: Frame; user: UserRecord; tokens: readonly ListedToken[]; shown?: TokensShown }) {
  const { lang } = frame;
  return (
    <section aria-labelledby="tokens-title" id="tokens">
      <h2 id="tokens-title">{t(lang, 'page.tokensTitle')}</h2>
      <p class="hint">{t(lang, 'admin.tokensHint')}</p>
      {shown.issued ? <IssuedToken frame={frame} {...shown.issued} /> : null}
      <TokenList frame={frame} tokens={tokens} revokeAction={(id) => tokensAction(user, `/${encodeURIComponent(id)}/revoke`)} />
      <details open={shown.problem ? true : undefined}>
        <summary>{t(lang, 'admin.newTokenFor', { name: user.name })}</summary>
        <NewTokenForm frame={frame} action={tokensAction(user)} values={shown.values} problem={shown.problem} />
      </details>
    </section>
  );
}
