import * as v from 'valibot';
import { expect } from 'vitest';
import { caseViewSchema } from '../../schemas/case-view';

/** Each way an answer differs from the case as the API document describes it (a field missing, extra or of another type), by path. */
export const caseAnswerFaults = (body: unknown, schema: v.GenericSchema = caseViewSchema) =>
  (v.safeParse(schema, body).issues ?? []).map((issue) => `${v.getDotPath(issue) ?? '(the answer)'}: ${issue.message}`);

/** The answer is the case as the API document describes it. */
export const expectDocumentedCase = (body: unknown, schema: v.GenericSchema = caseViewSchema) => expect(caseAnswerFaults(body, schema)).toEqual([]);
