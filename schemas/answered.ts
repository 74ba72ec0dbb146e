import * as v from 'valibot';

/**
 * What still holds of a value once it has been stored and read back, however a reader's role masked its strings:
 * instants are written by the system and never read as a phone number, numbers are never masked.
 */
const checksThatHold = new Set(['iso_timestamp', 'integer', 'min_value', 'max_value']);

type AnySchema = v.GenericSchema & Record<string, unknown>;
type AnyAction = { kind: string; type: string };

/**
 * A request's schema as an answer holds it: the same shape, fields and words, without the length and pattern checks
 * a request must pass. An answer to a reader who may not read contacts shows every phone or ID number written into
 * its strings masked (domain/masking.ts): an incident number of 18 digits comes back with stars in it, a landline
 * written without a dash comes back a character longer, so those checks would call a true answer wrong.
 */
export function answered<T extends v.GenericSchema>(schema: T): v.GenericSchema<v.InferInput<T>, v.InferOutput<T>> {
  return loosened(schema as unknown as AnySchema) as v.GenericSchema<v.InferInput<T>, v.InferOutput<T>>;
}

function loosened(schema: AnySchema): v.GenericSchema {
  if (Array.isArray(schema.pipe)) {
    const [base, ...actions] = schema.pipe as [AnySchema, ...AnyAction[]];
    const kept = actions.filter((action) => action.kind === 'metadata' || checksThatHold.has(action.type));
    const shape = loosened(base);
    return kept.length ? v.pipe(shape, ...(kept as unknown as v.PipeItem<unknown, unknown, v.BaseIssue<unknown>>[])) : shape;
  }
  const each = (entries: v.ObjectEntries) => Object.fromEntries(Object.entries(entries).map(([key, entry]) => [key, loosened(entry as AnySchema)]));
  switch (schema.type) {
    case 'object':
      return v.object(each(schema.entries as v.ObjectEntries));
    case 'strict_object':
      return v.strictObject(each(schema.entries as v.ObjectEntries));
    case 'loose_object':
      return v.looseObject(each(schema.entries as v.ObjectEntries));
    case 'optional':
      return v.optional(loosened(schema.wrapped as AnySchema), schema.default as never);
    case 'nullable':
      return v.nullable(loosened(schema.wrapped as AnySchema), schema.default as never);
    case 'array':
      return v.array(loosened(schema.item as AnySchema));
    case 'record':
      return v.record(loosened(schema.key as AnySchema) as v.GenericSchema<string, string | number | symbol>, loosened(schema.value as AnySchema));
    case 'variant':
      return v.variant(schema.key as string, (schema.options as AnySchema[]).map(loosened) as never);
    case 'union':
      return v.union((schema.options as AnySchema[]).map(loosened));
    case 'string':
    case 'number':
    case 'boolean':
    case 'literal':
    case 'picklist':
    case 'null':
    case 'unknown':
      // Without a pipe, nothing in them a mask could break.
      return schema;
    default:
      // A kind of schema not met before: better to fail at once than to keep its checks unseen.
      throw new Error(`no rule for how a ${String(schema.type)} schema answers`);
  }
}
