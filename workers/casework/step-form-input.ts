import type { BaseIssue, GenericSchema } from 'valibot';
import { stepPayloadSchemas, type StepName } from '../../schemas/steps';
import { fieldErrors, hasMessage, t, type FieldError, type Lang, type MessageKey } from '../i18n/messages';
import type { casePageWordsZhCN } from '../i18n/case-pages.zh-CN';

/** A field a step form may ask for: every one has its label. */
export type StepFieldName = keyof typeof casePageWordsZhCN extends infer K ? (K extends `stepField.${infer Name}` ? Name : never) : never;

interface Node {
  type: string;
  entries?: Record<string, Node>;
  wrapped?: Node;
  options?: readonly Node[];
}

const unwrap = (node: Node): Node => (node.type === 'optional' && node.wrapped ? unwrap(node.wrapped) : node);

/** The fields of a step's payload, of every variant for a step with several (the ways out of a case). */
function entriesOf(schema: GenericSchema): Record<string, Node> {
  const node = schema as unknown as Node;
  if (node.type === 'variant') return Object.assign({}, ...(node.options ?? []).map((option) => option.entries ?? {}));
  return node.entries ?? {};
}

/**
 * A posted step form as its payload schema reads it: only the step's own fields; a blank field is "not given",
 * yes/no radios ('1'/'0') become booleans and checkboxes lists. The schema then checks what came.
 */
export function formToPayload(step: StepName, body: Record<string, string | File | (string | File)[]>): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(entriesOf(stepPayloadSchemas[step]))) {
    const given = [body[name] ?? []].flat().filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter(Boolean);
    if (!given.length) continue;
    const type = unwrap(entry).type;
    if (type === 'array') payload[name] = given;
    else if (type === 'boolean') payload[name] = given[0] === '1' ? true : given[0] === '0' ? false : given[0];
    else payload[name] = given[0];
  }
  return payload;
}

/** The two steps whose check spans the form: the message goes beside the field the reader starts with. */
const formWideChecks: Partial<Record<StepName, { field: StepFieldName; message: MessageKey }>> = {
  'override-triage': { field: 'route', message: 'casePage.nameRouteOrHardness' },
  'review-flags': { field: 'confirm', message: 'casePage.confirmOrDismiss' },
};

/** One message per field, named as the step form names it; a field a choice made necessary reads "fill in". */
export function stepFieldErrors(step: StepName, issues: readonly BaseIssue<unknown>[], lang: Lang): FieldError[] {
  const labelOf = (field: string) => {
    const key = `stepField.${field}`;
    return hasMessage(key) ? t(lang, key) : field;
  };
  const wide = formWideChecks[step];
  const fieldIssues = issues.filter((issue) => issue.path?.length);
  const errors = fieldErrors(
    fieldIssues.map((issue) => (issue.type === 'check' ? { ...issue, message: 'missing' } : issue)),
    lang,
    labelOf,
  );
  if (wide && fieldIssues.length < issues.length) errors.push({ field: wide.field, message: t(lang, wide.message) });
  return errors;
}
