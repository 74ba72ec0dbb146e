import { parse as parseDuration } from 'iso8601-duration';
import * as v from 'valibot';
import { slaPolicySchema, type SlaPolicy } from '../../schemas/policy';
import { policyFieldPaths, type PolicyFieldPath } from '../i18n/admin-policy.zh-CN';
import { fieldErrors, hasMessage, t, type FieldError, type Lang } from '../i18n/messages';

/** As many return visits as the schema takes: the form shows a box for each. */
export const returnVisitBoxes = 6;

/** The policy's fields as the form holds them: dot paths to the text typed ("returnVisitsAfter.0" for the first visit). */
export type PolicyValues = Record<string, string>;

const isFieldPath = (path: string): path is PolicyFieldPath => (policyFieldPaths as readonly string[]).includes(path);
/** "returnVisitsAfter.2" is labelled as the visits are; every other path as itself. */
const fieldOf = (path: string) => (path.startsWith('returnVisitsAfter.') ? 'returnVisitsAfter' : path);

export function fieldLabel(lang: Lang, path: string): string {
  const visit = /^returnVisitsAfter\.(\d+)$/.exec(path);
  if (visit) return t(lang, 'policy.visitN', { n: Number(visit[1]) + 1 });
  return isFieldPath(path) ? t(lang, `policy.field.${path}`) : path;
}

/** A policy as the form shows it. */
export function valuesOf(policy: SlaPolicy): PolicyValues {
  const rule = policy.firstContact;
  return {
    version: String(policy.version),
    utcOffset: policy.utcOffset,
    warnAtShare: String(policy.warnAtShare),
    'firstContact.rule': rule.rule,
    ...(rule.rule === 'sameDay'
      ? { 'firstContact.lateIntakeAfter': rule.lateIntakeAfter, 'firstContact.lateIntakeWithin': rule.lateIntakeWithin }
      : { 'firstContact.duration': rule.duration }),
    dispatchWithin: policy.dispatchWithin,
    accept: policy.accept,
    followUpEvery: policy.followUpEvery,
    acknowledgeEscalationWithin: policy.acknowledgeEscalationWithin,
    'resolveWithin.grassroots': policy.resolveWithin.grassroots,
    'resolveWithin.judicial': policy.resolveWithin.judicial,
    'resolveWithin.joint': policy.resolveWithin.joint,
    departmentReportWithin: policy.departmentReportWithin,
    ...Object.fromEntries(policy.returnVisitsAfter.map((after, index) => [`returnVisitsAfter.${index}`, after])),
    returnVisitWindow: policy.returnVisitWindow,
    unsatisfiedVisit: policy.unsatisfiedVisit,
    instructionFeedbackWithin: policy.instructionFeedbackWithin,
  };
}

/**
 * What was typed, every field trimmed, the return visits closed up so that a box left empty between two does not
 * count: these are shown again beside their errors, nothing typed lost.
 */
export function typedValues(body: Record<string, unknown>): PolicyValues {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  const values: PolicyValues = { version: text('version') };
  for (const path of policyFieldPaths) if (path !== 'returnVisitsAfter' && text(path)) values[path] = text(path);
  const visits = Array.from({ length: returnVisitBoxes }, (_, index) => text(`returnVisitsAfter.${index}`)).filter(Boolean);
  visits.forEach((after, index) => (values[`returnVisitsAfter.${index}`] = after));
  return values;
}

/** A number typed as one; anything else stays text, for the schema to refuse as the API would. */
const numberOrText = (text: string | undefined) => (text !== undefined && /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text);

/** The form's values in the shape the API takes: an empty field is one not given (an optional one takes its default). */
export function policyInput(values: PolicyValues): Record<string, unknown> {
  const rule = values['firstContact.rule'];
  return {
    version: numberOrText(values.version),
    utcOffset: values.utcOffset,
    warnAtShare: numberOrText(values.warnAtShare),
    firstContact:
      rule === 'within'
        ? { rule, duration: values['firstContact.duration'] }
        : { rule, lateIntakeAfter: values['firstContact.lateIntakeAfter'], lateIntakeWithin: values['firstContact.lateIntakeWithin'] },
    dispatchWithin: values.dispatchWithin,
    accept: values.accept,
    followUpEvery: values.followUpEvery,
    acknowledgeEscalationWithin: values.acknowledgeEscalationWithin,
    resolveWithin: { grassroots: values['resolveWithin.grassroots'], judicial: values['resolveWithin.judicial'], joint: values['resolveWithin.joint'] },
    departmentReportWithin: values.departmentReportWithin,
    returnVisitsAfter: Array.from({ length: returnVisitBoxes }, (_, index) => values[`returnVisitsAfter.${index}`]).filter((after) => after !== undefined),
    returnVisitWindow: values.returnVisitWindow,
    unsatisfiedVisit: values.unsatisfiedVisit,
    instructionFeedbackWithin: values.instructionFeedbackWithin,
  };
}

const durationFields = new Set<string>(policyFieldPaths.filter((path) => !['utcOffset', 'warnAtShare', 'firstContact.rule', 'firstContact.lateIntakeAfter', 'unsatisfiedVisit'].includes(path)));
/** The deadlines a policy may also count in working days or months (schemas/policy.ts, spanSchema). */
const spanFields = new Set<string>(['firstContact.duration', 'dispatchWithin', 'accept', 'followUpEvery', 'acknowledgeEscalationWithin', 'resolveWithin.grassroots', 'resolveWithin.judicial', 'resolveWithin.joint', 'returnVisitsAfter', 'departmentReportWithin']);

/** An error in the form's words, by the rule its field broke: the schema's own messages are the API's, in English. */
function inFormWords(lang: Lang, error: FieldError): FieldError {
  const field = fieldOf(error.field);
  const label = fieldLabel(lang, error.field);
  const words = (key: Parameters<typeof t>[1]) => ({ ...error, message: t(lang, key, { label }) });
  if (error.code === 'missing') return words('error.missing');
  if (field === 'returnVisitsAfter' && error.field === field) return words('policy.error.visits');
  if (durationFields.has(field)) return words(error.code === 'check' ? 'policy.error.positive' : spanFields.has(field) ? 'policy.error.span' : 'policy.error.duration');
  if (field === 'warnAtShare') return words('policy.error.share');
  if (field === 'utcOffset') return words('policy.error.offset');
  if (field === 'firstContact.lateIntakeAfter') return words('policy.error.time');
  if (field === 'firstContact.rule' || field === 'unsatisfiedVisit') return words('error.picklist');
  return hasMessage(`error.${error.code}`) ? error : words('error.invalid');
}

/** The form read as the API reads a policy, with the same schema; its errors worded as the form labels its fields. */
export function readPolicyForm(lang: Lang, values: PolicyValues): { policy: SlaPolicy } | { errors: FieldError[] } {
  const parsed = v.safeParse(slaPolicySchema, policyInput(values));
  if (parsed.success) return { policy: parsed.output };
  const order = (field: string) => {
    const at = policyFieldPaths.indexOf(fieldOf(field) as PolicyFieldPath);
    return at === -1 ? policyFieldPaths.length : at;
  };
  const errors = fieldErrors(parsed.issues, lang, (field) => fieldLabel(lang, field)).map((error) => inFormWords(lang, error));
  return { errors: errors.sort((a, b) => order(a.field) - order(b.field)) };
}

/** "P1DT12H" as "1 天 12 小时": how long a duration is, in the page's words; undefined for text that is no duration. */
export function durationInWords(lang: Lang, duration: string | undefined): string | undefined {
  if (!duration || !/^P(?!$)[\dWDTHMS.]+$/.test(duration)) return undefined;
  const workingDays = /^P(\d+)WD$/.exec(duration)?.[1];
  if (workingDays) return t(lang, 'unit.workingDay', { n: Number(workingDays) });
  const months = /^P(\d+)M$/.exec(duration)?.[1];
  if (months) return t(lang, 'unit.month', { n: Number(months) });
  try {
    const { weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = parseDuration(duration);
    const parts = [
      weeks ? t(lang, 'unit.week', { n: weeks }) : '',
      days ? t(lang, 'unit.day', { n: days }) : '',
      hours ? t(lang, 'unit.hour', { n: hours }) : '',
      minutes ? t(lang, 'unit.minute', { n: minutes }) : '',
      seconds ? t(lang, 'unit.second', { n: seconds }) : '',
    ].filter(Boolean);
    return parts.length ? parts.join(' ') : undefined;
  } catch {
    return undefined;
  }
}
