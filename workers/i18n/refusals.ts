import { refusalCodes, type Refusal, type RefusalCode, type RefusalParamKind } from '../../schemas/refusal';
import { hasMessage, t, type Lang } from './messages';
import type { zhCN } from './zh-CN';

/**
 * A refusal's words: the catalogs hold one text per code (`refusal.<code>`), and each value the code carries is said
 * by its kind. A page says a route, a department or a step in its own language; the API's English keeps the values
 * as the API names them (`grassroots`, `acknowledge escalation`), so a program reads the same words it always did.
 */

/** The `{name}`s a text names: each must be a value its code carries, or the catalog does not type-check. */
type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type TextsNameOnlyTheirValues = {
  [C in RefusalCode]: Exclude<Placeholders<(typeof zhCN)[`refusal.${C}`]>, keyof (typeof refusalCodes)[C]> extends never ? true : false;
};
const everyTextNamesOnlyItsValues: { [C in RefusalCode]: true } = {} as TextsNameOnlyTheirValues;
void everyTextNamesOnlyItsValues;

type Voice = 'page' | 'api';

const word = (lang: Lang, key: string) => (hasMessage(key) ? t(lang, key) : key.slice(key.indexOf('.') + 1));
const joined = (lang: Lang, items: string[]) => items.join(lang === 'en' ? ', ' : '、');

function say(lang: Lang, voice: Voice, kind: RefusalParamKind, value: unknown): string {
  const page = voice === 'page';
  switch (kind) {
    case 'text':
    case 'number':
    case 'instant':
      return String(value);
    case 'holder':
      return typeof value === 'string' ? (lang === 'en' ? ` (${value})` : `（${value}）`) : '';
    case 'step':
      return page ? word(lang, `step.${String(value)}`) : String(value).replaceAll('-', ' ');
    case 'status':
    case 'route':
    case 'routeStage':
    case 'department':
      return page ? word(lang, `${kind}.${String(value)}`) : String(value);
    case 'attachmentKind':
      return page ? word(lang, `attachment.kind.${String(value)}`) : String(value);
    case 'departments':
      return joined(lang, (value as string[]).map((item) => (page ? word(lang, `department.${item}`) : item)));
    case 'riskFlags':
      return joined(lang, (value as string[]).map((item) => (page ? word(lang, `riskFlags.${item}`) : item)));
  }
}

function words(lang: Lang, voice: Voice, refused: Refusal): string {
  const kinds = refusalCodes[refused.code] as Record<string, RefusalParamKind>;
  const values = Object.fromEntries(Object.entries(kinds).map(([name, kind]) => [name, say(lang, voice, kind, (refused.params as Record<string, unknown>)[name])]));
  return t(lang, `refusal.${refused.code}`, values);
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** A refusal as a page's reader reads it, starting with a capital in English. */
export const refusalWords = (lang: Lang, refused: Refusal): string => (lang === 'en' ? capitalised(words(lang, 'page', refused)) : words(lang, 'page', refused));

/** A refusal as the API says it: English, the values as the API names them, lower case as a reason beside a code. */
export const refusalReason = (refused: Refusal): string => words('en', 'api', refused);

/** The same as a sentence, for an error's `message`. */
export const refusalSentence = (refused: Refusal): string => `${capitalised(refusalReason(refused))}.`;
