import { encodeKeyset } from '../../schemas/cursor';

/** What a list's caller asks for: how many rows, from which cursor on. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** One page of rows and the cursor of the next: one row more than asked says whether there is one. */
export function pageOf<Row, Key extends readonly unknown[]>(found: Row[], limit: number, name: string, keyOf: (row: Row) => Key) {
  const rows = found.slice(0, limit);
  const last = rows.at(-1);
  return { rows, nextCursor: found.length > limit && last ? encodeKeyset(name, keyOf(last)) : null };
}

/** The same query from the next page on: a download's `Link` header points at it. */
export const nextPageUrl = (url: string, cursor: string) => {
  const next = new URL(url);
  next.searchParams.set('cursor', cursor);
  return `${next.pathname}${next.search}`;
};
