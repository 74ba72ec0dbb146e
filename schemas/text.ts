import * as v from 'valibot';

/**
 * What no text a person types into the system may carry: control characters (a tab and line breaks aside), and the
 * bidirectional embeddings, overrides, isolates and marks that make a page show a name in another order than the
 * one stored. Written as a character class's inside, so the code and the API document say the same.
 */
export const forbiddenInText = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/** Characters that show nothing: a text may hold them inside, but a text of nothing else says nothing. */
export const invisibleInText = '\\u00ad\\u200b-\\u200d\\u2060';
/** What JavaScript's trim() takes off either end of a string, written so every regex engine reads it alike. */
export const trimmedByJavaScript = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

const forbidden = new RegExp(`[${forbiddenInText}]`, 'u');
const blankEnds = new RegExp(`^[${trimmedByJavaScript}${invisibleInText}]+|[${trimmedByJavaScript}${invisibleInText}]+$`, 'gu');

/**
 * A length as the API document and a reader count it: in characters (code points), so a rare character of a name that
 * lies outside the Basic Multilingual Plane (𠀀, a surname of CJK Extension B) counts once, not as two UTF-16 units.
 * valibot's own actions with their count changed, so the document reads their type and requirement as before.
 */
const codePoints = (text: string) => [...text].length;

type LengthAction = ReturnType<typeof v.minLength<string, number, string | undefined>> | ReturnType<typeof v.maxLength<string, number, string | undefined>>;

/** `action` as valibot builds it, its length counted in code points and held against `fits`. */
function inCodePoints<A extends LengthAction>(action: A, fits: (count: number) => boolean): A {
  return {
    ...action,
    '~run'(dataset: Parameters<A['~run']>[0], config: Parameters<A['~run']>[1]) {
      if (dataset.typed && !fits(codePoints(dataset.value))) v._addIssue(this, 'length', dataset, config, { received: `${codePoints(dataset.value)}` });
      return dataset;
    },
  } as A;
}

export const minCodePoints = (requirement: number, message?: string) => inCodePoints(v.minLength<string, number, string | undefined>(requirement, message), (count) => count >= requirement);
export const maxCodePoints = (requirement: number, message?: string) => inCodePoints(v.maxLength<string, number, string | undefined>(requirement, message), (count) => count <= requirement);

/** The document describes a free text by what is left after its ends are cleared (workers/document/openapi-parts.ts). */
export const freeTextMark = 'x-free-text';

/**
 * A text as a person writes it (a summary, a name, an address, a reason): blank and invisible characters cleared
 * from both ends, so a text of only those is empty; control and direction characters refused; stored in NFC, so the
 * same name typed on two phones is one name to search and match.
 */
export const freeText = (min: number, max: number, minMessage?: string) =>
  v.pipe(
    v.string(),
    v.transform((text) => text.replace(blankEnds, '')),
    v.check((text) => !forbidden.test(text), 'textControl'),
    minCodePoints(min, minMessage),
    maxCodePoints(max),
    v.transform((text) => text.normalize('NFC')),
    v.metadata({ [freeTextMark]: true }),
  );
