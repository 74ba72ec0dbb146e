import * as v from 'valibot';

/**
 * One message per field, as every 422 answers and as a batch keeps a rejected line's errors: `code` names the rule
 * broken for a program (lines rejected before codes were kept have none), `message` words it for a person.
 */
export const fieldErrorSchema = v.object({ field: v.string(), code: v.optional(v.string()), message: v.string() });
export type FieldError = v.InferOutput<typeof fieldErrorSchema>;
