import type { Child } from 'hono/jsx';
import { t, tField, type FieldError, type Lang } from '../i18n/messages';
import { fieldId } from './schema-form';

/**
 * The fields of a GET form (a filter, a period): each label tied to its input, its hint and its error beside it
 * and named by `aria-describedby`, its id the one the error summary links to.
 */
export interface QueryForm {
  lang: Lang;
  values: Readonly<Record<string, string>>;
  errors: readonly FieldError[];
}

export type Option = { value: string; label: string };

/** The one field shell: a label (the field's own words unless `label` says otherwise), a hint, the error, the control. */
export function Described({
  form,
  name,
  label,
  hint,
  children,
}: {
  form: QueryForm;
  name: string;
  label?: string;
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => Child;
}) {
  const error = form.errors.find((item) => item.field === name);
  const ids = [hint ? `${fieldId(name)}-hint` : undefined, error ? `${fieldId(name)}-error` : undefined].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={fieldId(name)}>{label ?? tField(form.lang, name)}</label>
      {hint ? (
        <span class="hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <p class="field-error" id={`${fieldId(name)}-error`}>
          <span class="visually-hidden">{t(form.lang, 'page.errorPrefix')}</span>
          {error.message}
        </p>
      ) : null}
      {children(ids || undefined, Boolean(error))}
    </div>
  );
}

export function SelectField({ form, name, label, options, anyLabel, hint }: { form: QueryForm; name: string; label?: string; options: readonly Option[]; anyLabel: string; hint?: string }) {
  const value = form.values[name] ?? '';
  return (
    <Described form={form} name={name} label={label} hint={hint}>
      {(describedBy, invalid) => (
        <select id={fieldId(name)} name={name} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          <option value="">{anyLabel}</option>
          {options.map((option) => (
            <option value={option.value} selected={option.value === value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Described>
  );
}

export function InputField({ form, name, type = 'text', hint }: { form: QueryForm; name: string; type?: 'text' | 'search' | 'date' | 'datetime-local' | 'month'; hint?: string }) {
  return (
    <Described form={form} name={name} hint={hint}>
      {(describedBy, invalid) => (
        <input
          id={fieldId(name)}
          name={name}
          type={type}
          value={form.values[name] ?? ''}
          aria-describedby={describedBy}
          aria-invalid={invalid ? 'true' : undefined}
        />
      )}
    </Described>
  );
}

/** A yes-only flag ('1' when ticked), as a large touch target. */
export function FlagField({ form, name, label }: { form: QueryForm; name: string; label: string }) {
  return (
    <div class="field">
      <label class="choice" for={fieldId(name)}>
        <input id={fieldId(name)} type="checkbox" name={name} value="1" checked={form.values[name] === '1'} />
        {label}
      </label>
    </div>
  );
}
