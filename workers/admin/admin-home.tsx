import { t } from '../i18n/messages';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';

/** Placeholder home: the header and a heading, until this page shows the people and places an admin keeps. */
export function AdminHome({ frame }: { frame: Frame }) {
  return (
    <Layout frame={frame} title={t(frame.lang, 'page.adminHomeTitle')}>
      <p>{t(frame.lang, 'page.comingSoon')}</p>
    </Layout>
  );
}
