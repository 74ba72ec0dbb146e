import * as v from 'valibot';
import { jurisdictionCodePattern } from './jurisdictions';
import { maxCodePoints } from './text';
import { roles } from './vocabulary';

/**
 * Where an account stands as an admin looks for it: signing in as usual, disabled, locked after wrong passwords, or
 * still without a password of its own (a new or reset account, signing in once with a one-time code).
 */
export const accountStates = ['active', 'disabled', 'locked', 'noPassword'] as const;
export type AccountState = (typeof accountStates)[number];

/** The admin's search over the people they keep: part of a name, ID or phone number, and the filters beside it. */
export const userListQuerySchema = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), maxCodePoints(50))),
  role: v.optional(v.picklist(roles)),
  jurisdiction: v.optional(v.pipe(v.string(), v.trim(), v.regex(jurisdictionCodePattern, 'jurisdictionCode'))),
  state: v.optional(v.picklist(accountStates)),
});
export type UserListQuery = v.InferOutput<typeof userListQuerySchema>;
