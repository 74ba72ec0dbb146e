import { t } from '../i18n/messages';
import type { Frame } from './frame';
import { Layout } from './layout';

/** Placeholder home: the header and a heading, until this page shows the tasks addressed to the department, with report-back forms. */
export function DepartmentHome({ frame }: { frame: Frame }) {
  return (
    <Layout frame={frame} title={t(frame.lang, 'page.departmentHomeTitle')}>
      <p>{t(frame.lang, 'page.comingSoon')}</p>
    </Layout>
  );
}
