import { t } from '../i18n/messages';
import type { Frame } from './frame';
import { Layout } from './layout';

/** Placeholder home: the header and a heading, until this page shows the overdue board, with the supervisor's filters and search. */
export function SupervisorHome({ frame }: { frame: Frame }) {
  return (
    <Layout frame={frame} title={t(frame.lang, 'page.supervisorHomeTitle')}>
      <p>{t(frame.lang, 'page.comingSoon')}</p>
    </Layout>
  );
}
