import * as v from 'valibot';
import { freeText, maxCodePoints, minCodePoints } from './text';
import { departments, roles } from './vocabulary';

const text = (max: number) => freeText(1, max);
export const userIdSchema = v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, 'userId'));
export const personNameSchema = text(100);
const jurisdictionCode = v.pipe(v.string(), v.trim(), minCodePoints(1), maxCodePoints(40));

/**
 * A new user. The department is required for a department's liaison and refused for everyone else; that rule
 * lives in domain/people.ts, which the edge applies to a change as well.
 */
export const newUserSchema = v.pipe(
  v.object({
    id: userIdSchema,
    name: personNameSchema,
    role: v.picklist(roles),
    jurisdictionCode,
    department: v.optional(v.picklist(departments)),
  }),
  v.examples([{ id: 'mediator-ly-sun', name: '孙调解员', role: 'mediator' as const, jurisdictionCode: 'XH-LY' }]),
);
export type NewUser = v.InferOutput<typeof newUserSchema>;

/** What an admin changes of a user; `department: null` clears it (a role other than `department` clears it anyway). */
export const userChangeSchema = v.pipe(
  v.object({
    name: v.optional(text(100)),
    role: v.optional(v.picklist(roles)),
    jurisdictionCode: v.optional(jurisdictionCode),
    department: v.optional(v.nullable(v.picklist(departments))),
  }),
  v.check((change) => Object.values(change).some((value) => value !== undefined), 'nothingToChange'),
  v.examples([{ role: 'supervisor' as const, jurisdictionCode: 'XH-LY' }]),
);
export type UserChange = v.InferOutput<typeof userChangeSchema>;
