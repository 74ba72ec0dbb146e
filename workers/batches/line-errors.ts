import { hasMessage, t, tField, type FieldError, type Lang } from '../i18n/messages';

/**
 * A rejected line's error in the reader's language. A batch keeps each error as it was worded at upload, in the
 * uploader's language; one whose code has words that name only the field ("请填写核查对象") is said again in the
 * page's. One that carries values of its own (a length, the name the sheet gave) keeps the words it was stored with,
 * since the values are not kept apart from them.
 */
export function lineErrorWords(lang: Lang, error: FieldError): string {
  const key = `error.${error.code ?? ''}`;
  if (!error.field || !hasMessage(key)) return error.message;
  const placeholders = t('zh-CN', key).match(/\{\w+\}/g) ?? [];
  if (placeholders.some((name) => name !== '{label}')) return error.message;
  return t(lang, key, { label: tField(lang, error.field) });
}
