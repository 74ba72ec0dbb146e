import * as v from 'valibot';
import type { SignedInUser } from '../../db/queries/users';
import { checkKinds, instructionLineSchema, lineKindSchema, type RawLine } from '../../schemas/batch';
import { intakeSchemas, type Intake } from '../../schemas/intake';
import type { CheckKind } from '../../schemas/batch';
import { fieldErrors, t, tField, type ErrorName, type FieldError, type Lang } from '../i18n/messages';
import type { EdgeServices } from '../runtime/edge-services';
import { assigneeFinder } from './assignee-directory';

/** What a line comes to, decided before anything is written: the preview shows it, the confirmation writes it. */
export type CheckedLine = { line: number; fields: Record<string, unknown> | undefined } & (
  | { status: 'pending'; kind: CheckKind; assigneeId: string; assignee: { name: string; jurisdictionName?: string }; payload: { subject: string; note?: string } }
  | { status: 'dispute'; intake: Intake<'grid'> }
  | { status: 'rejected'; errors: FieldError[] }
);

/** A refusal beyond the schema in the reader's language, with the values the sheet gave. */
const refused = (lang: Lang, field: string, code: ErrorName, params: Record<string, string> = {}): FieldError => ({
  field,
  code,
  message: t(lang, `error.${code}`, { label: tField(lang, field), ...params }),
});

const kindWords = (lang: Lang) => [...checkKinds, 'dispute' as const].map((kind) => t(lang, `instructionKind.${kind}`)).join(lang === 'en' ? ', ' : '、');

/**
 * Reads every line on its own, writing nothing: a bad line is rejected with one message per field and stops none of
 * the others. An instruction's assignee is found by ID or by name; a dispute line is read as a grid intake, to be
 * filed as a case when the batch is written.
 */
export async function checkLines(services: EdgeServices, user: SignedInUser, lines: readonly RawLine[], lang: Lang): Promise<CheckedLine[]> {
  const findAssignee = await assigneeFinder(services.db, user);
  const checked: CheckedLine[] = [];
  for (const raw of lines) {
    if ('unreadable' in raw) {
      const problem = t(lang, `batch.lineProblem.${raw.unreadable}`, { cells: raw.cells ?? '', columns: raw.columns ?? '' });
      checked.push({ line: raw.line, fields: undefined, status: 'rejected', errors: [{ field: '', code: 'badLine', message: t(lang, 'error.badLine', { label: problem }) }] });
      continue;
    }
    const { line, fields } = raw;
    const reject = (errors: FieldError[]) => checked.push({ line, fields, status: 'rejected', errors });
    const kind = v.safeParse(lineKindSchema, fields);
    if (!kind.success) {
      // A sheet's kind is typed, not picked: the reason names what was written and what may be.
      reject(typeof fields.kind === 'string' ? [refused(lang, 'kind', 'batchKindUnknown', { value: fields.kind, kinds: kindWords(lang) })] : fieldErrors(kind.issues, lang));
      continue;
    }
    if (kind.output.kind === 'dispute') {
      const intake = v.safeParse(intakeSchemas.grid, fields);
      if (intake.success) checked.push({ line, fields, status: 'dispute', intake: intake.output });
      else reject(fieldErrors(intake.issues, lang));
      continue;
    }
    const instruction = v.safeParse(instructionLineSchema, fields);
    if (!instruction.success) {
      reject(fieldErrors(instruction.issues, lang));
      continue;
    }
    const { kind: checkKind, assigneeId, assignee, assigneePlace, ...payload } = instruction.output;
    const found = await findAssignee({ assigneeId, assignee, assigneePlace });
    if ('code' in found) reject([refused(lang, found.field, found.code, 'params' in found ? found.params : {})]);
    else checked.push({ line, fields, status: 'pending', kind: checkKind, assigneeId: found.id, assignee: found, payload });
  }
  return checked;
}
