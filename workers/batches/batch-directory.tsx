import { t, type Lang } from '../i18n/messages';
import type { DirectoryEntry } from './assignee-directory';

/**
 * The templates and the people a sheet may name, beside the upload form: a county fills the sheet from this list
 * (name and place) rather than from user IDs it never sees.
 */
export function BatchTemplates({ lang, people }: { lang: Lang; people: readonly DirectoryEntry[] }) {
  return (
    <section aria-labelledby="batch-templates" data-testid="batch-templates">
      <h2 id="batch-templates">{t(lang, 'batch.templateTitle')}</h2>
      <p>{t(lang, 'batch.templateText')}</p>
      <p>
        <a href="/batches/template.csv" download>
          {t(lang, 'batch.templateCsv')}
        </a>
        {' · '}
        <a href="/batches/template.xlsx" download>
          {t(lang, 'batch.templateXlsx')}
        </a>
      </p>
      <details class="definitions">
        <summary>{t(lang, 'batch.directoryTitle', { count: people.length })}</summary>
        {people.length ? (
          <table class="board" data-testid="assignee-directory">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'batch.directoryName')}</th>
                <th scope="col">{t(lang, 'batch.directoryPlace')}</th>
                <th scope="col">{t(lang, 'batch.directoryRole')}</th>
                <th scope="col">{t(lang, 'batch.directoryId')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr>
                  <th scope="row">{person.name}</th>
                  <td data-label={t(lang, 'batch.directoryPlace')}>{person.jurisdictionName}</td>
                  <td data-label={t(lang, 'batch.directoryRole')}>{t(lang, `page.role.${person.role}`)}</td>
                  <td data-label={t(lang, 'batch.directoryId')}>
                    <code>{person.id}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t(lang, 'batch.directoryNone')}</p>
        )}
      </details>
    </section>
  );
}
