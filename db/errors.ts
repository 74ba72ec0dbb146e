/** A write refused by a table's unique key; D1 puts SQLite's words in the message or its cause. */
export function isUniqueViolation(error: unknown, table: string): boolean {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: unknown };
  return `${message} ${cause}`.includes(`UNIQUE constraint failed: ${table}`);
}
