import type { GenericSchema } from 'valibot';
import { t, type FieldError, type Lang } from '../i18n/messages';
import { fieldId, fieldPathsInOrder } from './schema-form';

/** The errors in the order of the form, so the summary reads top to bottom like the page. */
export function inFormOrder(errors: readonly FieldError[], schema: GenericSchema, rows: Record<string, number> = {}): FieldError[] {
  const order = fieldPathsInOrder(schema, rows);
  const rank = (field: string) => {
    const at = order.indexOf(field);
    return at === -1 ? order.length : at;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

/**
 * Every error of the round at the top, each a link to its field; focus lands here when the page comes back,
 * so a screen reader hears it first.
 */
export function ErrorSummary({ lang, errors }: { lang: Lang; errors: readonly FieldError[] }) {
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus data-testid="error-summary">
      <h2 id="error-summary-title">{t(lang, 'page.errorSummaryTitle', { count: errors.length })}</h2>
      <ul>
        {errors.map((error) => (
          <li>
            <a href={`#${fieldId(error.field)}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
