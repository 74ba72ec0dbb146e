import { channels } from '../../schemas/vocabulary';
import { t } from '../i18n/messages';
import type { MyFiling } from './my-filings';
import { FilingsList } from './filings-list';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';

/** A grid worker's home: which channel the dispute came by (one tap to its form), and what they filed last. */
export function FilingHome({ frame, latest }: { frame: Frame; latest: readonly MyFiling[] }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'page.filingHomeTitle')}>
      <p class="lead">{t(lang, 'page.filingHomeLead')}</p>
      <ul class="cards">
        {channels.map((channel) => (
          <li>
            <a class="card-link" href={`/intake/${channel}`}>
              {t(lang, `channel.${channel}`)}
            </a>
            <span class="muted">{t(lang, `page.channelHint.${channel}`)}</span>
          </li>
        ))}
      </ul>
      <h2>{t(lang, 'page.latestFilings')}</h2>
      <FilingsList frame={frame} filings={latest} />
      {latest.length ? (
        <p>
          <a href="/filings">{t(lang, 'page.allFilings')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

export function FilingsPage({ frame, filings }: { frame: Frame; filings: readonly MyFiling[] }) {
  return (
    <Layout frame={frame} title={t(frame.lang, 'page.filingsTitle')}>
      <FilingsList frame={frame} filings={filings} />
    </Layout>
  );
}
