import type { Child } from 'hono/jsx';
import type { OpenStep } from '../../domain/steps-now';
import type { StepName } from '../../schemas/steps';
import { departmentReportOutcomes, departments, exitKinds, riskFlags, routes, type Department } from '../../schemas/vocabulary';
import { t, type FieldError, type Lang, type MessageKey } from '../i18n/messages';
import type { CaseView } from '../cases/case-view';
import type { MediatorLoad } from './case-page-data';
import type { StepFieldName } from './step-form-input';

/** What a step's form shows again after a post that did not take it: the values sent, and why not. */
export interface StepAttempt {
  step: StepName;
  values: Record<string, string | string[]>;
  errors: FieldError[];
  /** The workflow's or the permission table's reason, already in the page's language. */
  refusal?: string;
  /** The same key again, so a resend after an unanswered try is taken once. */
  stepId: string;
}

interface FieldContext {
  lang: Lang;
  step: StepName;
  attempt?: StepAttempt;
}

const idOf = (step: StepName, name: string) => `${step}-${name}`;
const valueOf = (context: FieldContext, name: string) => {
  const value = context.attempt?.values[name];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
};
const label = (lang: Lang, name: StepFieldName) => t(lang, `stepField.${name}`);

function FieldError({ context, name }: { context: FieldContext; name: string }) {
  const error = context.attempt?.errors.find((e) => e.field === name);
  return error ? (
    <p class="field-error" id={`${idOf(context.step, name)}-error`}>
      <span class="visually-hidden">{t(context.lang, 'page.errorPrefix')}</span>
      {error.message}
    </p>
  ) : null;
}

const invalid = (context: FieldContext, name: string) => context.attempt?.errors.some((e) => e.field === name) ?? false;
const fieldClass = (context: FieldContext, name: string) => (invalid(context, name) ? 'field invalid' : 'field');
const described = (context: FieldContext, name: string, hint?: string) =>
  [hint ? `${idOf(context.step, name)}-hint` : undefined, invalid(context, name) ? `${idOf(context.step, name)}-error` : undefined].filter(Boolean).join(' ') ||
  undefined;

function Text({ context, name, long = false, type = 'text', required = true, hint }: { context: FieldContext; name: StepFieldName; long?: boolean; type?: 'text' | 'datetime-local'; required?: boolean; hint?: string }) {
  const id = idOf(context.step, name);
  const common = { id, name, required, 'aria-invalid': invalid(context, name) || undefined, 'aria-describedby': described(context, name, hint) };
  const value = valueOf(context, name)[0] ?? '';
  return (
    <div class={fieldClass(context, name)}>
      <label for={id}>
        {label(context.lang, name)}
        {required ? null : <small> ({t(context.lang, 'page.optional')})</small>}
      </label>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <FieldError context={context} name={name} />
      {long ? (
        <textarea {...common} rows={3}>
          {value}
        </textarea>
      ) : (
        <input {...common} type={type} value={value} />
      )}
    </div>
  );
}

type Option = { value: string; label: string };

function Select({ context, name, options, required = true, blank }: { context: FieldContext; name: StepFieldName; options: readonly Option[]; required?: boolean; blank?: string }) {
  const id = idOf(context.step, name);
  const chosen = valueOf(context, name)[0] ?? '';
  return (
    <div class={fieldClass(context, name)}>
      <label for={id}>{label(context.lang, name)}</label>
      <FieldError context={context} name={name} />
      <select id={id} name={name} required={required} aria-invalid={invalid(context, name) || undefined} aria-describedby={described(context, name)}>
        <option value="">{blank ?? t(context.lang, 'casePage.choose')}</option>
        {options.map((option) => (
          <option value={option.value} selected={chosen === option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radios and checkboxes as large targets: a thumb finds them on a phone. */
function Choices({ context, name, options, multiple = false }: { context: FieldContext; name: StepFieldName; options: readonly Option[]; multiple?: boolean }) {
  const id = idOf(context.step, name);
  const chosen = valueOf(context, name);
  return (
    <fieldset id={id} class={fieldClass(context, name)} aria-describedby={described(context, name)}>
      <legend>{label(context.lang, name)}</legend>
      <FieldError context={context} name={name} />
      <div class="choices">
        {options.map((option) => (
          <label class="choice">
            <input type={multiple ? 'checkbox' : 'radio'} id={`${id}-${option.value}`} name={name} value={option.value} checked={chosen.includes(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const yesNo = (lang: Lang): Option[] => [
  { value: '1', label: t(lang, 'casePage.yes') },
  { value: '0', label: t(lang, 'casePage.no') },
];
const wordsOf = <T extends string>(lang: Lang, prefix: string, values: readonly T[]): Option[] =>
  values.map((value) => ({ value, label: t(lang, `${prefix}.${value}` as MessageKey) }));
const durations = ['P1D', 'P3D', 'P7D', 'P15D', 'P30D'] as const;
const durationOptions = (lang: Lang) => durations.map((value) => ({ value, label: t(lang, 'casePage.days', { n: Number(value.slice(1, -1)) }) }));

export interface StepFormProps {
  lang: Lang;
  view: Pick<CaseView, 'id' | 'route' | 'hardCase' | 'riskFlags' | 'process'>;
  open: OpenStep;
  mediators: readonly MediatorLoad[];
  attempt?: StepAttempt;
  /** Where the post goes back to: the case page, or the department's task list. */
  returnTo?: string;
  /** Names a form's title apart from another case's on a page listing several (the task list). */
  idScope?: string;
}

/** The id of a step's title, which its form is labelled by. */
export const stepTitleId = (step: StepName, idScope?: string) => `step-${idScope ? `${idScope}-` : ''}${step}-title`;

/** The fields each step asks for; its payload schema checks them when the form is posted (step-form-input.ts). */
function StepFields({ lang, view, open, mediators, attempt }: StepFormProps): Child {
  const context: FieldContext = { lang, step: open.step, attempt };
  switch (open.step) {
    case 'assign':
      return (
        <>
          <Select
            context={context}
            name="mediatorId"
            options={mediators.map((m) => ({
              value: m.id,
              label: t(lang, 'casePage.mediatorLoad', { name: m.name, open: m.openCases, overdue: m.overdueCases, hard: m.hardCases }),
            }))}
          />
          {view.route === 'joint' ? (
            <>
              <Choices context={context} name="departments" options={wordsOf(lang, 'department', departments)} multiple />
              <Select context={context} name="lead" options={wordsOf(lang, 'department', departments)} required={false} />
            </>
          ) : null}
        </>
      );
    case 'record-contact':
    case 'acknowledge-escalation':
      return <Text context={context} name="note" long />;
    case 'schedule-session':
      return (
        <>
          <Text context={context} name="at" type="datetime-local" />
          <Text context={context} name="place" />
        </>
      );
    case 'record-session':
      return <Text context={context} name="summary" long />;
    case 'record-agreement':
      return (
        <>
          <Text context={context} name="facts" long required={false} hint={t(lang, 'casePage.factsHint')} />
          <Text context={context} name="responsibilities" long required={false} hint={t(lang, 'casePage.responsibilitiesHint')} />
          <Text context={context} name="terms" long hint={t(lang, 'casePage.termsHint')} />
          <Text context={context} name="performance" long required={false} hint={t(lang, 'casePage.performanceHint')} />
          {view.route === 'judicial' ? <Choices context={context} name="requestConfirmation" options={yesNo(lang)} /> : null}
        </>
      );
    case 'record-confirmation':
      return (
        <>
          <Choices context={context} name="confirmed" options={yesNo(lang)} />
          <Text context={context} name="court" />
          <Text context={context} name="reason" required={false} />
        </>
      );
    case 'record-department-report':
      return <DepartmentReportFields context={context} departmentsOpen={open.departments ?? []} />;
    case 'record-failure':
    case 'request-transfer':
    case 'pause':
      return <Text context={context} name="reason" long />;
    case 'request-extension':
      return (
        <>
          <Select context={context} name="duration" options={durationOptions(lang)} />
          <Text context={context} name="reason" long />
        </>
      );
    case 'decide-extension':
      return (
        <>
          <Choices context={context} name="approve" options={yesNo(lang)} />
          <Text context={context} name="reason" long />
        </>
      );
    case 'submit-follow-up':
      return <Text context={context} name="report" long />;
    case 'override-triage':
      return (
        <>
          <Select context={context} name="route" options={wordsOf(lang, 'route', routes)} required={false} blank={t(lang, 'casePage.unchanged')} />
          <Select context={context} name="hardCase" options={yesNo(lang)} required={false} blank={t(lang, 'casePage.unchanged')} />
          <Text context={context} name="reason" long />
        </>
      );
    case 'record-return-visit':
      return (
        <>
          <Choices context={context} name="satisfied" options={yesNo(lang)} />
          <Text context={context} name="note" long />
        </>
      );
    case 'close':
      return (
        <>
          {open.needsReason ? <Text context={context} name="reason" long hint={t(lang, 'casePage.closeEarlyHint')} /> : null}
          <Text context={context} name="note" long required={false} />
        </>
      );
    case 'exit': {
      const only = (kind: (typeof exitKinds)[number]) => t(lang, 'casePage.onlyFor', { kind: t(lang, `exitKind.${kind}`) });
      return (
        <>
          <Select context={context} name="kind" options={wordsOf(lang, 'exitKind', exitKinds)} />
          <Text context={context} name="reason" long />
          <Select context={context} name="redirectTo" options={wordsOf(lang, 'redirectTo', ['emergency', 'other_authority'])} required={false} />
          <Text context={context} name="authority" required={false} hint={only('not_a_dispute')} />
          <Text context={context} name="receivingUnit" required={false} hint={only('referred_to_police')} />
          <Text context={context} name="reference" required={false} hint={only('referred_to_police')} />
          <Text context={context} name="duplicateOf" required={false} hint={only('duplicate')} />
        </>
      );
    }
    case 'review-flags': {
      const suggested = view.process?.suggestedFlags ?? [];
      return (
        <>
          <Choices context={context} name="confirm" options={wordsOf(lang, 'riskFlags', riskFlags.filter((flag) => !view.riskFlags.includes(flag)))} multiple />
          <Choices context={context} name="dismiss" options={wordsOf(lang, 'riskFlags', suggested)} multiple />
          <Text context={context} name="reason" long />
        </>
      );
    }
    case 'accept':
    case 'resume':
      return null;
  }
}

function DepartmentReportFields({ context, departmentsOpen }: { context: FieldContext; departmentsOpen: readonly Department[] }) {
  const { lang } = context;
  const only = departmentsOpen.length === 1 ? departmentsOpen[0] : undefined;
  return (
    <>
      {only ? (
        <input type="hidden" name="department" value={only} />
      ) : (
        <Select context={context} name="department" options={wordsOf(lang, 'department', departmentsOpen)} />
      )}
      <Choices context={context} name="outcome" options={wordsOf(lang, 'reportOutcome', departmentReportOutcomes)} />
      <Select context={context} name="moreTime" options={durationOptions(lang)} required={false} />
      <Text context={context} name="report" long />
    </>
  );
}

/** Why a step was not taken, where its form no longer stands; what the reader can do now follows it. */
export function RefusedStep({ lang, reason, offered }: { lang: Lang; reason: string; offered: boolean }) {
  return (
    <div class="refused-step">
      <p class="refusal" role="alert" tabindex={-1} autofocus data-testid="refusal">
        {t(lang, 'casePage.refused', { reason })}
      </p>
      {offered ? <p data-testid="now-possible">{t(lang, 'casePage.nowPossible')}</p> : null}
    </div>
  );
}

/** One step as a small form of its own, with the reason beside it when it was refused. */
export function StepForm(props: StepFormProps) {
  const { lang, view, open, attempt, returnTo, idScope } = props;
  const headingId = stepTitleId(open.step, idScope);
  return (
    <div id={`step-${open.step}`} data-step={open.step}>
      {attempt?.refusal ? (
        <p class="refusal" role="alert" tabindex={-1} autofocus data-testid="refusal">
          {t(lang, 'casePage.refused', { reason: attempt.refusal })}
        </p>
      ) : null}
      {attempt?.errors.length ? (
        <p class="refusal" role="alert" tabindex={-1} autofocus>
          {t(lang, 'casePage.fixFields')}
        </p>
      ) : null}
      <form method="post" action={`/cases/${view.id}/steps/${open.step}`} aria-labelledby={headingId} novalidate>
        <input type="hidden" name="lang" value={lang} />
        <input type="hidden" name="stepId" value={attempt?.stepId ?? crypto.randomUUID()} />
        {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
        {open.onBehalf ? <input type="hidden" name="onBehalfOfAssignee" value="1" /> : null}
        <StepFields {...props} />
        <button type="submit">{t(lang, `step.${open.step}.submit`)}</button>
      </form>
    </div>
  );
}

/** Steps a mediator reaches for now and then: folded away until opened, so the next move stands out. */
const occasional: readonly StepName[] = ['pause', 'request-extension', 'request-transfer', 'record-failure', 'exit', 'override-triage'];

/** A step's title and its form: the usual ones open, the occasional ones folded (open again when just tried). */
export function StepSection(props: StepFormProps) {
  const { lang, open, attempt } = props;
  const title = <span id={stepTitleId(open.step)}>{t(lang, `step.${open.step}`)}</span>;
  if (occasional.includes(open.step)) {
    return (
      <details class="step" open={attempt ? true : undefined}>
        <summary>{title}</summary>
        <StepForm {...props} />
      </details>
    );
  }
  return (
    <section class="step">
      <h3>{title}</h3>
      <StepForm {...props} />
    </section>
  );
}
