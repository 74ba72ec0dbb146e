import * as v from 'valibot';

/**
 * Keyset paging (GET /api/cases, /api/batches, /api/instructions): a page ends with the sort key of its last row,
 * and the next page goes on after it, so a row written between two pages neither comes twice nor hides one. The
 * cursor is opaque to the caller: base64url of the list's name and that key.
 */

const toBase64Url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const fromBase64Url = (encoded: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(encoded.replaceAll('-', '+').replaceAll('_', '/')), (char) => char.charCodeAt(0)));

export const encodeKeyset = (name: string, key: readonly unknown[]) => toBase64Url(JSON.stringify([name, ...key]));

/** The key a cursor carries, or undefined when it is no cursor of this list (another's, edited, or garbage). */
export function decodeKeyset<S extends v.GenericSchema>(name: string, keySchema: S, cursor: string): v.InferOutput<S> | undefined {
  try {
    const [found, ...key] = JSON.parse(fromBase64Url(cursor)) as unknown[];
    if (found !== name) return undefined;
    const parsed = v.safeParse(keySchema, key);
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

/** The cursor as a query parameter: the `nextCursor` of the page before. */
export const cursorParameter = v.optional(v.pipe(v.string(), v.maxLength(1000), v.regex(/^[A-Za-z0-9_-]+$/, 'cursor')));

/** Rows a page: digits in a query string, 1 to `max`. */
export const pageLimit = (max: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,4}$/),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(max),
      v.metadata({ openapi: { type: 'integer', minimum: 1, maximum: max } }),
    ),
  );

/** A page's query: how many rows, and the cursor of the page before, refused when it is no cursor of this list. */
export const pagedQuery = <S extends { name: string; key: v.GenericSchema }>(cursor: S, maxLimit: number) =>
  v.pipe(
    v.object({ limit: pageLimit(maxLimit), cursor: cursorParameter }),
    v.forward(
      v.partialCheck([['cursor']], (query) => !query.cursor || decodeKeyset(cursor.name, cursor.key, query.cursor) !== undefined, 'cursor'),
      ['cursor'],
    ),
  );
