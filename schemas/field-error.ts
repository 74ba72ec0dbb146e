import * as v from 'valibot';

/** One message per field, as every 422 answers and as a batch keeps a rejected line's errors. */
export const fieldErrorSchema = v.object({ field: v.string(), message: v.string() });
export type FieldError = v.InferOutput<typeof fieldErrorSchema>;
