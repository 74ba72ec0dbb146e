import { formatLocal } from '../../domain/clocks/local-time';
import { t } from '../i18n/messages';
import type { Frame } from '../kit/frame';

export interface ProviderChoice {
  id: string;
  name: string;
  countyName: string;
}

/** Why a trip to the provider did not sign anyone in. */
export const ssoProblems = ['notLinked', 'denied', 'failed', 'void'] as const;
export type SsoProblem = (typeof ssoProblems)[number];

/** One button per identity provider in service: a link, since the trip begins with a plain GET. */
export function SsoButtons({ frame, providers, next }: { frame: Frame; providers: readonly ProviderChoice[]; next?: string }) {
  if (!providers.length) return null;
  const { lang } = frame;
  return (
    <section aria-labelledby="sso-title" class="sso">
      <h2 id="sso-title">{t(lang, 'page.ssoOr')}</h2>
      <ul class="actions">
        {providers.map((provider) => (
          <li>
            <a class="button secondary" href={`/login/sso/${encodeURIComponent(provider.id)}${next ? `?next=${encodeURIComponent(next)}` : ''}`}>
              {t(lang, 'page.ssoSignIn', { name: provider.name, county: provider.countyName })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the person's account page says after a link or unlink came back. */
export const ssoNotices = ['linked', 'unlinked', 'taken'] as const;
export type SsoNotice = (typeof ssoNotices)[number];

/** The person's own accounts at their county's providers: linked (since when) or not, each with its one button. */
export function SsoSection({
  frame,
  providers,
  links,
  notice,
}: {
  frame: Frame;
  providers: readonly ProviderChoice[];
  links: readonly { providerId: string; linkedAt: string }[];
  notice?: SsoNotice;
}) {
  if (!providers.length) return null;
  const { lang, utcOffset } = frame;
  return (
    <section aria-labelledby="sso-accounts-title" id="sso">
      <h2 id="sso-accounts-title">{t(lang, 'page.ssoSection')}</h2>
      {notice ? (
        <p class={notice === 'taken' ? 'notice important' : 'notice success'} role="status">
          {t(lang, `page.ssoNotice.${notice}`)}
        </p>
      ) : null}
      {providers.map((provider) => {
        const link = links.find((each) => each.providerId === provider.id);
        const action = `/account/sso/${encodeURIComponent(provider.id)}/${link ? 'unlink' : 'link'}`;
        return (
          <form method="post" action={action} class="step" data-provider={provider.id}>
            <input type="hidden" name="lang" value={lang} />
            <p>
              {link
                ? t(lang, 'page.ssoLinked', { name: provider.name, at: formatLocal(link.linkedAt, utcOffset) })
                : t(lang, 'page.ssoNotLinkedYet', { name: provider.name })}
            </p>
            <button type="submit" class={link ? 'secondary' : undefined}>
              {t(lang, link ? 'page.ssoUnlink' : 'page.ssoLink', { name: provider.name })}
            </button>
          </form>
        );
      })}
    </section>
  );
}
