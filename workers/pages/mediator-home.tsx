import { t } from '../i18n/messages';
import type { Frame } from './frame';
import { Layout } from './layout';

/** Placeholder home: the header and a heading, until this page shows the mediator's queue, sorted by the next due clock. */
export function MediatorHome({ frame }: { frame: Frame }) {
  return (
    <Layout frame={frame} title={t(frame.lang, 'page.mediatorHomeTitle')}>
      <p>{t(frame.lang, 'page.comingSoon')}</p>
    </Layout>
  );
}
