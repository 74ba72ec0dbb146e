import * as v from 'valibot';
import { cursorParameter, decodeKeyset, pageLimit } from './cursor';
import { daySchema } from './date-time';
import { userIdSchema } from './users';

/** How a whole case was read: the API's GET /api/cases/{id}, or the case page; or one of its attachments downloaded. */
export const caseReadVias = ['api', 'page', 'attachment'] as const;
export type CaseReadVia = (typeof caseReadVias)[number];

/** Newest first: a page ends at its last read's ID, which grows with every read recorded. */
export const caseReadListCursor = { name: 'case-reads', key: v.tuple([v.pipe(v.number(), v.integer(), v.minValue(1))]) } as const;


/**
 * How someone tried to sign in: a password, the admin's one-time code, a pasted token, the county's own identity
 * provider, or their current password on the password page (which backs off and locks like the door).
 */
export const signInWays = ['password', 'oneTimeCode', 'token', 'singleSignOn', 'currentPassword'] as const;
export type SignInWay = (typeof signInWays)[number];

/**
 * What came of a try. `unknownUser`: no account answers to the name typed (or the provider's subject is linked to
 * none); `throttled`: the address had tried too often, so nothing was checked.
 */
export const signInResults = ['signedIn', 'wrongPassword', 'badToken', 'wait', 'locked', 'throttled', 'unknownUser'] as const;
export type SignInResult = (typeof signInResults)[number];

/** What an admin (or a person, for their own tokens) changed; each recorded right after the change is written. */
export const changeActions = [
  'userCreated',
  'userChanged',
  'userDisabled',
  'userEnabled',
  'oneTimeCodeIssued',
  'accountUnlocked',
  'tokenIssued',
  'tokenRevoked',
  'placeAdded',
  'placeRenamed',
  'placeMoved',
  'placeRetired',
  'gridImported',
  'policyPublished',
  'deadLetterSentAgain',
] as const;
export type ChangeAction = (typeof changeActions)[number];

export const changeTargets = ['user', 'token', 'place', 'policy', 'outbox'] as const;
export type ChangeTarget = (typeof changeTargets)[number];

/** A change's detail: names, codes and versions only; never a password, code or token. */
export type ChangeDetail = Record<string, string | number | boolean | null | readonly string[]>;

// The messages are keys of the error words (workers/i18n), so a page and the API word them alike.
const localDay = daySchema('day');

/** The filters both lists share: a period of local days, both ends included, and whose events. */
const periodFilters = {
  from: v.optional(localDay),
  to: v.optional(localDay),
  user: v.optional(userIdSchema),
};

export const signInListCursor = { name: 'sign-ins', key: caseReadListCursor.key } as const;
export const changeListCursor = { name: 'changes', key: caseReadListCursor.key } as const;

const paged = { limit: pageLimit(200), cursor: cursorParameter };
const isCursorOf = (list: { name: string; key: v.GenericSchema }) => (cursor: string | undefined) => !cursor || decodeKeyset(list.name, list.key, cursor) !== undefined;
const inOrder = (query: { from?: string; to?: string }) => !query.from || !query.to || query.from <= query.to;

/** GET /api/audit/sign-ins: tries at signing in by the admin's people, newest first; filtered by period, user and result. */
export const signInListQuerySchema = v.pipe(
  v.object({ ...periodFilters, outcome: v.optional(v.picklist(signInResults)), ...paged }),
  v.forward(v.partialCheck([['cursor']], (query) => isCursorOf(signInListCursor)(query.cursor), 'cursor'), ['cursor']),
  v.forward(v.partialCheck([['from'], ['to']], inOrder, 'periodBackwards'), ['to']),
);
export type SignInListQuery = v.InferOutput<typeof signInListQuerySchema>;

/** GET /api/audit/changes: what the admin's people changed, newest first; filtered by period, who and what. */
export const changeListQuerySchema = v.pipe(
  v.object({ ...periodFilters, action: v.optional(v.picklist(changeActions)), ...paged }),
  v.forward(v.partialCheck([['cursor']], (query) => isCursorOf(changeListCursor)(query.cursor), 'cursor'), ['cursor']),
  v.forward(v.partialCheck([['from'], ['to']], inOrder, 'periodBackwards'), ['to']),
);
export type ChangeListQuery = v.InferOutput<typeof changeListQuerySchema>;

/** GET /api/audit/case-reads (and the audit page's first tab): reads of the admin's cases, by period and reader. */
export const caseReadFilteredQuerySchema = v.pipe(
  v.object({ ...periodFilters, ...paged }),
  v.forward(v.partialCheck([['cursor']], (query) => isCursorOf(caseReadListCursor)(query.cursor), 'cursor'), ['cursor']),
  v.forward(v.partialCheck([['from'], ['to']], inOrder, 'periodBackwards'), ['to']),
);
export type CaseReadListQuery = v.InferOutput<typeof caseReadFilteredQuerySchema>;
