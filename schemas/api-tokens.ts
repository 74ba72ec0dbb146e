import * as v from 'valibot';
import { freeText } from './text';

/** The ends a token may be given, in days: a token that never ends is a token nobody remembers to revoke. */
export const tokenLifetimes = [7, 30, 90, 180, 365] as const;

/** A personal access token asked for: what it is for, and how many days it runs. */
export const newTokenSchema = v.pipe(
  v.object({
    name: freeText(1, 60),
    expiresInDays: v.picklist(tokenLifetimes, 'tokenLifetime'),
  }),
  v.examples([{ name: '网格通数据同步', expiresInDays: 90 as const }]),
);
export type NewToken = v.InferOutput<typeof newTokenSchema>;
