import type { CheckedRow } from '../../domain/grid-import';
import { t, type FieldError } from '../i18n/messages';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { Described } from '../kit/query-fields';
import { fieldId } from '../kit/schema-form';

/** The upload: which columns the sheet needs, in which encodings, with a template to start from. */
export function ImportPage({ frame, errors }: { frame: Frame; errors: readonly FieldError[] }) {
  const { lang } = frame;
  const form = { lang, values: {}, errors };
  return (
    <Layout frame={frame} title={t(lang, 'places.importTitle')}>
      <ErrorSummary lang={lang} errors={errors} />
      <p class="lead">{t(lang, 'places.importLead')}</p>
      <p>{t(lang, 'places.importColumns')}</p>
      <ul>
        <li>{t(lang, 'places.column.code')}</li>
        <li>{t(lang, 'places.column.name')}</li>
        <li>{t(lang, 'places.column.parent')}</li>
      </ul>
      <p class="muted">{t(lang, 'places.importEncoding')}</p>
      <ul class="downloads">
        <li>
          <a href="/admin/places/import/template.csv" download>
            {t(lang, 'places.template')}
          </a>
        </li>
      </ul>
      <form method="post" action="/admin/places/import" enctype="multipart/form-data" data-testid="import-form" novalidate>
        <input type="hidden" name="lang" value={lang} />
        <Described form={form} name="file" label={t(lang, 'places.file')} hint={t(lang, 'places.fileHint')}>
          {(describedBy, invalid) => (
            <input
              type="file"
              id={fieldId('file')}
              name="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
              aria-describedby={describedBy}
              aria-invalid={invalid ? 'true' : undefined}
            />
          )}
        </Described>
        <div class="actions">
          <button type="submit">{t(lang, 'places.preview')}</button>
          <a href="/admin/places">{t(lang, 'admin.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}

/**
 * Check answers before the write: every row of the sheet with what becomes of it. The rows travel to the confirmation
 * in a hidden field, and are checked again there: what the browser sends back is read as a new sheet would be.
 */
export function PreviewPage({ frame, rows }: { frame: Frame; rows: readonly CheckedRow[] }) {
  const { lang } = frame;
  const add = rows.filter((row) => row.result === 'add').length;
  const carried = JSON.stringify(rows.map(({ line, code, name, parentCode }) => ({ line, code, name, parentCode })));
  return (
    <Layout frame={frame} title={t(lang, 'places.previewTitle')}>
      <p class="lead" data-testid="preview-lead">
        {t(lang, 'places.previewLead', { rows: rows.length, add, reject: rows.length - add })}
      </p>
      {add ? null : <p class="notice important">{t(lang, 'places.previewNothing')}</p>}
      <table class="board" data-testid="preview">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'places.col.line')}</th>
            <th scope="col">{t(lang, 'places.col.code')}</th>
            <th scope="col">{t(lang, 'places.col.name')}</th>
            <th scope="col">{t(lang, 'places.col.parent')}</th>
            <th scope="col">{t(lang, 'places.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr data-line={String(row.line)} data-result={row.result} class={row.result === 'reject' ? 'case-row breached' : undefined}>
              <th scope="row" data-label={t(lang, 'places.col.line')}>
                {String(row.line)}
              </th>
              <td data-label={t(lang, 'places.col.code')}>{row.code}</td>
              <td data-label={t(lang, 'places.col.name')}>{row.name}</td>
              <td data-label={t(lang, 'places.col.parent')}>{row.parentCode}</td>
              <td data-label={t(lang, 'places.col.result')}>
                {row.result === 'add' ? (
                  <span class="tag">{t(lang, 'places.result.add')}</span>
                ) : (
                  <span class="late">{t(lang, `places.reject.${row.reason}`)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        {add ? (
          <form method="post" action="/admin/places/import/confirm">
            <input type="hidden" name="lang" value={lang} />
            <input type="hidden" name="rows" value={carried} />
            <button type="submit">{t(lang, 'places.confirm', { count: add })}</button>
          </form>
        ) : null}
        <a class="button secondary" href="/admin/places/import">
          {t(lang, 'places.uploadAgain')}
        </a>
      </div>
    </Layout>
  );
}
