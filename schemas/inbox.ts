import * as v from 'valibot';

/** GET /api/notifications: everything addressed to the reader, or (`unread=1`) what they have not marked read. */
export const inboxQuerySchema = v.object({ unread: v.optional(v.picklist(['0', '1'])) });
