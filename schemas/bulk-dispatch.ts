import * as v from 'valibot';

/** How many cases one bulk dispatch may carry: each is an update round trip of its own, taken one after another. */
export const bulkDispatchMax = 20;

/**
 * The board's bulk dispatch form: the ticked cases, the one mediator they go to, and the key its steps are sent
 * under, so the same form sent again attaches to the first try of each case instead of dispatching it twice.
 */
export const bulkDispatchFormSchema = v.object({
  caseId: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/))), v.minLength(1, 'noneChosen'), v.maxLength(bulkDispatchMax, 'tooMany')),
  mediatorId: v.pipe(v.string(), v.trim(), v.minLength(1, 'noMediator'), v.maxLength(100)),
  key: v.pipe(v.string(), v.regex(/^[\w-]{8,40}$/)),
  /** The board's query the form was sent from, to go back to it. */
  back: v.optional(v.pipe(v.string(), v.maxLength(2000), v.regex(/^\?[^\s]*$|^$/)), ''),
});

export type BulkDispatchForm = v.InferOutput<typeof bulkDispatchFormSchema>;
