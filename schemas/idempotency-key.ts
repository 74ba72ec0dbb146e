/**
 * An Idempotency-Key header (the IETF draft's): 1 to 200 visible ASCII characters, so it reads the same in every
 * header parser and can name a Temporal update.
 */
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

/** The field error for a key outside the pattern. */
export const invalidKey = { field: 'Idempotency-Key', code: 'idempotencyKey', message: 'Use 1 to 200 visible ASCII characters.' };

export const idempotencyKeyParameter = (description: string) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', pattern: idempotencyKeyPattern.source },
  description,
});
