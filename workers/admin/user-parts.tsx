import type { UserRecord } from '../../db/queries/users';
import { accountStatesOf, codeWaiting } from '../../domain/account-states';
import type { AccountState } from '../../schemas/user-list';
import { departments, roles } from '../../schemas/vocabulary';
import { hasMessage, t, type FieldError, type Lang } from '../i18n/messages';
import { formatDeadline } from '../kit/local-time';
import { Described, type Option, type QueryForm } from '../kit/query-fields';
import { fieldId } from '../kit/schema-form';
import type { PlaceChoice } from './user-list';

/** The fields of a person as the admin's forms ask them, in the order they show them. */
export const userFields = ['id', 'name', 'role', 'jurisdictionCode', 'department'] as const;
type UserField = (typeof userFields)[number];
const isUserField = (field: string): field is UserField => (userFields as readonly string[]).includes(field);
/** Fields chosen from a list: a missing one is "choose", not "fill in". */
const chosen = new Set<string>(['role', 'jurisdictionCode', 'department']);

export const fieldLabel = (lang: Lang, field: string) => (isUserField(field) ? t(lang, `admin.field.${field}`) : field);

/** The errors in the order of the form, so the summary reads top to bottom like the page. */
export const inUserFormOrder = (errors: readonly FieldError[]) => {
  const rank = (field: string) => (isUserField(field) ? userFields.indexOf(field) : userFields.length);
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
};

/**
 * Errors in the page's words, by their codes: a field is named as the form labels it ("所属辖区", not the API's
 * "所属辖区编码"), and a list left unchosen asks to choose. A length keeps the words it came with (they hold the limit).
 */
export function inPageWords(lang: Lang, errors: readonly FieldError[]): FieldError[] {
  return errors.map((error) => {
    const label = fieldLabel(lang, error.field);
    if (error.code === 'missing' && chosen.has(error.field)) return { ...error, message: t(lang, 'admin.error.choose', { label }) };
    const key = `error.${error.code}`;
    if (!error.code || error.code === 'min_length' || error.code === 'max_length' || !hasMessage(key)) return error;
    return { ...error, message: t(lang, key, { label }) };
  });
}

export const placeLabel = (lang: Lang, place: { name: string; code: string }) => t(lang, 'admin.place', { name: place.name, code: place.code });

/** The places as a pick-list, each indented below its parent. */
export const placeOptions = (lang: Lang, places: readonly PlaceChoice[]): Option[] =>
  places.map((place) => ({ value: place.code, label: `${'　'.repeat(place.depth)}${placeLabel(lang, place)}` }));

export const roleOptions = (lang: Lang): Option[] => roles.map((role) => ({ value: role, label: t(lang, `page.role.${role}`) }));

const markOf: Record<AccountState, string> = { active: 'tag', disabled: 'mark', locked: 'mark breached', noPassword: 'mark warning' };

/** Where an account stands, in words (a colour beside them, never alone). */
export function StateMarks({ lang, user }: { lang: Lang; user: UserRecord }) {
  const states = accountStatesOf(user);
  return (
    <span class="tags" data-states={states.join(' ')}>
      {states.map((state) => (
        <span class={markOf[state]} data-state={state}>
          {t(lang, `admin.state.${state}`)}
        </span>
      ))}
    </span>
  );
}

/** For an account without a password: whether a one-time code waits for it, and until when. */
export function CodeLine({ lang, utcOffset, user, now }: { lang: Lang; utcOffset: string; user: UserRecord; now: Date }) {
  if (user.passwordSet) return null;
  return (
    <span class="muted block" data-testid="code-line">
      {codeWaiting(user.oneTimeCodeExpiresAt, now)
        ? t(lang, 'admin.codeWaitingUntil', { at: formatDeadline(user.oneTimeCodeExpiresAt!, utcOffset) })
        : t(lang, 'admin.noCodeWaiting')}
    </span>
  );
}

function Select({ form, name, options, blank, required, hint }: { form: QueryForm; name: UserField; options: readonly Option[]; blank: string; required: boolean; hint?: string }) {
  const value = form.values[name] ?? '';
  return (
    <Described form={form} name={name} label={fieldLabel(form.lang, name)} hint={hint}>
      {(describedBy, invalid) => (
        <select id={fieldId(name)} name={name} required={required} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          <option value="">{blank}</option>
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

function Text({ form, name, maxlength, hint }: { form: QueryForm; name: UserField; maxlength: number; hint?: string }) {
  return (
    <Described form={form} name={name} label={fieldLabel(form.lang, name)} hint={hint}>
      {(describedBy, invalid) => (
        <input
          type="text"
          id={fieldId(name)}
          name={name}
          value={form.values[name] ?? ''}
          maxlength={maxlength}
          required
          autocomplete="off"
          autocapitalize={name === 'id' ? 'none' : undefined}
          spellcheck={name === 'id' ? false : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid ? 'true' : undefined}
        />
      )}
    </Described>
  );
}

/**
 * A person's fields, for creating and for editing. The department stays on the form for every role (there is no
 * script to hide it): its hint says it is for a department's liaison alone, and the server says so when it is not.
 */
export function UserFields({ form, places, askId, ownRole }: { form: QueryForm; places: readonly PlaceChoice[]; askId: boolean; ownRole?: UserRecord['role'] }) {
  const { lang } = form;
  return (
    <>
      {askId ? <Text form={form} name="id" maxlength={64} hint={t(lang, 'admin.hint.id')} /> : null}
      <Text form={form} name="name" maxlength={100} />
      {ownRole ? (
        <div class="field">
          <span class="label">{fieldLabel(lang, 'role')}</span>
          <p class="readonly">
            {t(lang, `page.role.${ownRole}`)} <span class="hint">{t(lang, 'admin.hint.ownRole')}</span>
          </p>
        </div>
      ) : (
        <Select form={form} name="role" options={roleOptions(lang)} blank={t(lang, 'page.choose')} required />
      )}
      <Select form={form} name="jurisdictionCode" options={placeOptions(lang, places)} blank={t(lang, 'page.choose')} required hint={t(lang, 'admin.hint.jurisdiction')} />
      <Select
        form={form}
        name="department"
        options={departments.map((department) => ({ value: department, label: t(lang, `department.${department}`) }))}
        blank={t(lang, 'admin.noDepartment')}
        required={false}
        hint={t(lang, 'admin.hint.department')}
      />
    </>
  );
}
