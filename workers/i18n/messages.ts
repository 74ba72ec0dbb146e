import type { BaseIssue } from 'valibot';
import type { FieldError } from '../../schemas/field-error';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey };

export const langs = ['zh-CN', 'en'] as const;
export type Lang = (typeof langs)[number];

const words: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function t(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  return words[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** Whether a key computed at run time (a field path, an issue's type or message) has words. */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(zhCN, key);

/**
 * Words for a field path or a field's choice as built from data at run time ("parties.1.role.applicant" →
 * "parties.role.applicant"); the path itself when there are none.
 */
export function tField(lang: Lang, path: string): string {
  const key = labelKey(path);
  return hasMessage(key) ? t(lang, key) : key;
}

/** Picks zh-CN unless the request asks for English by `?lang=en`, a form field or Accept-Language. */
export function pickLang(explicit: string | undefined, acceptLanguage: string | undefined): Lang {
  if (explicit === 'en' || explicit === 'zh-CN') return explicit;
  if (acceptLanguage && /^en\b/i.test(acceptLanguage.trim())) return 'en';
  return 'zh-CN';
}

/** "parties.1.name" → "parties.name": labels do not depend on which party it is. */
export const labelKey = (path: string) => path.replace(/\.\d+(?=\.|$)/g, '');

export type { FieldError };

/**
 * One message per field, worded for the reader; the first issue of a field is the one to fix first. `labelOf` names
 * a field where its path alone does not (a step form's "summary" is not the dispute's).
 */
export function fieldErrors(issues: readonly BaseIssue<unknown>[], lang: Lang, labelOf: (field: string) => string = (field) => tField(lang, field)): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = issue.path?.map((item) => String(item.key)).join('.') ?? '';
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, code: issueCode(issue), message: issueMessage(issue, field, lang, labelOf) });
  }
  return errors;
}

/** The rule a field broke, for a program to act on: the schema's own message key, else the kind of check that failed. */
function issueCode(issue: BaseIssue<unknown>): string {
  if (hasMessage(`error.${issue.message}`)) return issue.message;
  if (issue.received === 'undefined' && issue.kind === 'schema') return 'missing';
  return issue.type;
}

function issueMessage(issue: BaseIssue<unknown>, field: string, lang: Lang, labelOf: (field: string) => string): string {
  const label = field ? labelOf(field) : t(lang, 'error.invalid');
  const custom = `error.${issue.message}`;
  if (hasMessage(custom)) return t(lang, custom, { label });
  if (issue.received === 'undefined' && issue.kind === 'schema') return t(lang, 'error.missing', { label });
  const byType = `error.${issue.type}`;
  const requirement = typeof issue.requirement === 'number' ? issue.requirement : '';
  if (hasMessage(byType)) return t(lang, byType, { label, requirement });
  return t(lang, 'error.invalid', { label });
}

/** The names of error messages: `error.${ErrorName}` is a message key. */
export type ErrorName = MessageKey extends infer K ? (K extends `error.${infer Name}` ? Name : never) : never;

/** Messages for rules checked beyond the schema, by the same keys as the schema's own. */
export const customError = (lang: Lang, field: string, key: ErrorName): FieldError => ({
  field,
  code: key,
  message: t(lang, `error.${key}`, { label: tField(lang, field) }),
});
