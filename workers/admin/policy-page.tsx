import type { PreviewedDeadline } from '../../domain/clocks/preview';
import type { SlaPolicy } from '../../schemas/policy';
import type { PolicyFieldPath } from '../i18n/admin-policy.zh-CN';
import { t, type FieldError, type Lang } from '../i18n/messages';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { formatDeadline } from '../kit/local-time';
import { Described, type QueryForm } from '../kit/query-fields';
import { fieldId } from '../kit/schema-form';
import { durationInWords, fieldLabel, returnVisitBoxes, valuesOf, type PolicyValues } from './policy-form';

/** A published version as the pages list it. */
export type PolicyVersionRow = { version: number; publishedBy: string; publisherName: string | null; publishedAt: string };

/** The deadlines of one filing under the policy in force and under the edited one. */
export type PreviewedFiling = { filedAt: string; inForce: PreviewedDeadline[]; edited: PreviewedDeadline[] };

export interface PolicyPageProps {
  frame: Frame;
  inForce: SlaPolicy;
  /** The published version in force, when it is one (not the deployment's configured policy). */
  inForceRow?: PolicyVersionRow;
  versions: readonly PolicyVersionRow[];
  /** The form as typed, when it came back; else the policy in force with the next version. */
  values?: PolicyValues;
  errors?: readonly FieldError[];
  preview?: { now: PreviewedFiling; late: PreviewedFiling };
  published?: { version: number; cases: number };
  /** Another admin published this version while the form was open. */
  stale?: number;
}

const publisher = (row: PolicyVersionRow) => row.publisherName ?? row.publishedBy;

function Duration({ form, name, hint }: { form: QueryForm; name: string; hint?: string }) {
  const words = durationInWords(form.lang, form.values[name]);
  return (
    <Described form={form} name={name} label={fieldLabel(form.lang, name)} hint={hint}>
      {(describedBy, invalid) => (
        <>
          <input
            type="text"
            id={fieldId(name)}
            name={name}
            value={form.values[name] ?? ''}
            maxlength={40}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
          />
          {words ? <span class="muted block">{t(form.lang, 'policy.reads', { words })}</span> : null}
        </>
      )}
    </Described>
  );
}

function Text({ form, name, inputmode }: { form: QueryForm; name: PolicyFieldPath; inputmode?: 'decimal' }) {
  const hints: Partial<Record<PolicyFieldPath, Parameters<typeof t>[1]>> = {
    utcOffset: 'policy.hint.utcOffset',
    warnAtShare: 'policy.hint.warnAtShare',
    'firstContact.lateIntakeAfter': 'policy.hint.firstContact.lateIntakeAfter',
  };
  const hint = hints[name];
  return (
    <Described form={form} name={name} label={fieldLabel(form.lang, name)} hint={hint ? t(form.lang, hint) : undefined}>
      {(describedBy, invalid) => (
        <input
          type="text"
          id={fieldId(name)}
          name={name}
          value={form.values[name] ?? ''}
          maxlength={20}
          inputmode={inputmode}
          autocomplete="off"
          aria-describedby={describedBy}
          aria-invalid={invalid ? 'true' : undefined}
        />
      )}
    </Described>
  );
}

function Choice({ form, name, options, hint }: { form: QueryForm; name: PolicyFieldPath; options: { value: string; label: string }[]; hint?: string }) {
  return (
    <Described form={form} name={name} label={fieldLabel(form.lang, name)} hint={hint}>
      {(describedBy, invalid) => (
        <select id={fieldId(name)} name={name} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          {options.map((option) => (
            <option value={option.value} selected={form.values[name] === option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Described>
  );
}

function Group({ lang, title, children }: { lang: Lang; title: Parameters<typeof t>[1]; children: unknown }) {
  return (
    <fieldset class="step">
      <legend>{t(lang, title)}</legend>
      {children}
    </fieldset>
  );
}

/** Every field the schema holds, grouped as a station thinks of them. */
function PolicyFields({ form }: { form: QueryForm }) {
  const { lang } = form;
  const visitsError = form.errors.find((error) => error.field === 'returnVisitsAfter');
  return (
    <>
      <Group lang={lang} title="policy.group.basics">
        <Text form={form} name="utcOffset" />
        <Text form={form} name="warnAtShare" inputmode="decimal" />
      </Group>
      <Group lang={lang} title="policy.group.firstContact">
        <Choice
          form={form}
          name="firstContact.rule"
          hint={t(lang, 'policy.hint.firstContact.rule')}
          options={(['sameDay', 'within'] as const).map((rule) => ({ value: rule, label: t(lang, `policy.rule.${rule}`) }))}
        />
        <Text form={form} name="firstContact.lateIntakeAfter" />
        <Duration form={form} name="firstContact.lateIntakeWithin" />
        <Duration form={form} name="firstContact.duration" />
      </Group>
      <Group lang={lang} title="policy.group.handling">
        <Duration form={form} name="dispatchWithin" />
        <Duration form={form} name="accept" />
        <Duration form={form} name="followUpEvery" />
        <Duration form={form} name="acknowledgeEscalationWithin" />
      </Group>
      <Group lang={lang} title="policy.group.resolve">
        <Duration form={form} name="resolveWithin.grassroots" />
        <Duration form={form} name="resolveWithin.judicial" />
        <Duration form={form} name="resolveWithin.joint" />
        <Duration form={form} name="departmentReportWithin" />
      </Group>
      <Group lang={lang} title="policy.group.returnVisits">
        <fieldset id={fieldId('returnVisitsAfter')} class={visitsError ? 'field invalid' : 'field'}>
          <legend>{fieldLabel(lang, 'returnVisitsAfter')}</legend>
          <span class="hint">{t(lang, 'policy.hint.returnVisitsAfter')}</span>
          {visitsError ? (
            <p class="field-error">
              <span class="visually-hidden">{t(lang, 'page.errorPrefix')}</span>
              {visitsError.message}
            </p>
          ) : null}
          {Array.from({ length: returnVisitBoxes }, (_, index) => (
            <Duration form={form} name={`returnVisitsAfter.${index}`} />
          ))}
        </fieldset>
        <Duration form={form} name="returnVisitWindow" />
        <Choice form={form} name="unsatisfiedVisit" options={(['reopen', 'escalate'] as const).map((way) => ({ value: way, label: t(lang, `policy.unsatisfied.${way}`) }))} />
      </Group>
      <Group lang={lang} title="policy.group.batches">
        <Duration form={form} name="instructionFeedbackWithin" />
      </Group>
    </>
  );
}

/** A step's name in the preview: a route's resolution and each return visit apart. */
function stepName(lang: Lang, deadline: PreviewedDeadline) {
  if (deadline.route) return `${t(lang, 'clock.resolve')}（${t(lang, `route.${deadline.route}`)}）`;
  if (deadline.visit !== undefined) return t(lang, 'policy.visitN', { n: deadline.visit + 1 });
  return t(lang, `clock.${deadline.clock}`);
}

function When({ lang, utcOffset, deadline }: { lang: Lang; utcOffset: string; deadline?: PreviewedDeadline }) {
  if (!deadline) return <>{t(lang, 'policy.none')}</>;
  return (
    <>
      <strong class="block">{t(lang, 'policy.due', { due: formatDeadline(deadline.dueAt, utcOffset) })}</strong>
      <span class="muted block">{t(lang, 'policy.warn', { warn: formatDeadline(deadline.warnAt, utcOffset) })}</span>
    </>
  );
}

/** One filing's deadlines, the policy in force beside the edited one, each row saying in words whether it changed. */
function FilingPreview({ frame, title, filing, inForceVersion, testId }: { frame: Frame; title: string; filing: PreviewedFiling; inForceVersion: number; testId: string }) {
  const { lang, utcOffset } = frame;
  const keys = [...new Set([...filing.inForce.map((row) => row.key), ...filing.edited.map((row) => row.key)])];
  const inForceColumn = t(lang, 'policy.inForceColumn', { version: inForceVersion });
  return (
    <section aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      <table class="board">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'policy.clockColumn')}</th>
            <th scope="col">{inForceColumn}</th>
            <th scope="col">{t(lang, 'policy.editedColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const before = filing.inForce.find((row) => row.key === key);
            const after = filing.edited.find((row) => row.key === key);
            const changed = before?.dueAt !== after?.dueAt || before?.warnAt !== after?.warnAt;
            return (
              <tr data-clock={key} class={changed ? 'case-row warning' : undefined}>
                <th scope="row">
                  {stepName(lang, (after ?? before)!)}{' '}
                  <span class={changed ? 'mark warning' : 'tag'}>{t(lang, changed ? 'policy.changed' : 'policy.unchanged')}</span>
                </th>
                <td data-label={inForceColumn}>
                  <When lang={lang} utcOffset={utcOffset} deadline={before} />
                </td>
                <td data-label={t(lang, 'policy.editedColumn')} data-testid="edited-due">
                  <When lang={lang} utcOffset={utcOffset} deadline={after} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function Versions({ frame, versions, inForce }: { frame: Frame; versions: readonly PolicyVersionRow[]; inForce: number }) {
  const { lang, utcOffset } = frame;
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t(lang, 'policy.versionsTitle')}</h2>
      {versions.length ? (
        <table class="board" data-testid="policy-versions">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'policy.versionColumn')}</th>
              <th scope="col">{t(lang, 'policy.byColumn')}</th>
              <th scope="col">{t(lang, 'policy.atColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((row) => (
              <tr data-version={String(row.version)}>
                <th scope="row">
                  <a class="case-link" href={`/admin/policy/versions/${row.version}`} aria-label={t(lang, 'policy.view', { version: row.version })}>
                    {t(lang, 'policy.versionN', { version: row.version })}
                  </a>
                  {row.version === inForce ? <span class="tag"> {t(lang, 'policy.inForceMark')}</span> : null}
                </th>
                <td data-label={t(lang, 'policy.byColumn')}>{publisher(row)}</td>
                <td data-label={t(lang, 'policy.atColumn')}>{formatDeadline(row.publishedAt, utcOffset)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t(lang, 'policy.versionsEmpty')}</p>
      )}
    </section>
  );
}

/**
 * The policy in force as a form: preview (nothing saved) the deadlines a case filed now and one filed at 22:00 would
 * get, beside those under the policy in force; publish as the next version; the versions before it below.
 */
export function PolicyPage({ frame, inForce, inForceRow, versions, values, errors = [], preview, published, stale }: PolicyPageProps) {
  const { lang, utcOffset } = frame;
  const next = inForce.version + 1;
  const form: QueryForm = { lang, values: { ...(values ?? valuesOf(inForce)), version: String(next) }, errors };
  return (
    <Layout frame={frame} title={t(lang, 'policy.title')}>
      {published ? (
        <p class="notice success" role="status" data-testid="notice">
          {t(lang, 'policy.published', published)}
        </p>
      ) : null}
      {stale ? (
        <p class="refusal" role="alert" data-testid="refusal">
          {t(lang, 'policy.stale', { version: stale })}
        </p>
      ) : null}
      <ErrorSummary lang={lang} errors={errors} />
      <p class="lead">{t(lang, 'policy.lead', { version: inForce.version, next })}</p>
      <p>
        {inForceRow
          ? t(lang, 'policy.inForcePublished', { version: inForce.version, by: publisher(inForceRow), at: formatDeadline(inForceRow.publishedAt, utcOffset) })
          : t(lang, 'policy.inForceConfigured', { version: inForce.version })}
      </p>
      {preview ? (
        <section aria-labelledby="preview-title" data-testid="preview">
          <h2 id="preview-title">{t(lang, 'policy.previewTitle')}</h2>
          <p class="notice important">{t(lang, 'policy.previewLead')}</p>
          <FilingPreview frame={frame} testId="preview-now" title={t(lang, 'policy.filedNow', { at: formatDeadline(preview.now.filedAt, utcOffset) })} filing={preview.now} inForceVersion={inForce.version} />
          <FilingPreview frame={frame} testId="preview-late" title={t(lang, 'policy.filedLate', { at: formatDeadline(preview.late.filedAt, utcOffset) })} filing={preview.late} inForceVersion={inForce.version} />
        </section>
      ) : null}
      <section aria-labelledby="form-title">
        <h2 id="form-title">{t(lang, 'policy.formTitle')}</h2>
        <p class="hint">{t(lang, 'policy.durationHint')}</p>
        <form method="post" action="/admin/policy" data-testid="policy-form" novalidate>
          <input type="hidden" name="lang" value={lang} />
          <input type="hidden" name="version" value={String(next)} />
          <PolicyFields form={form} />
          <p>{t(lang, 'policy.nextVersion', { version: next })}</p>
          <div class="actions">
            <button type="submit" class="secondary" formaction="/admin/policy/preview">
              {t(lang, 'policy.preview')}
            </button>
            <button type="submit">{t(lang, 'policy.publish')}</button>
          </div>
        </form>
      </section>
      <Versions frame={frame} versions={versions} inForce={inForce.version} />
    </Layout>
  );
}

/** One published version, as it was published: every field in words. */
export function PolicyVersionPage({ frame, row, policy }: { frame: Frame; row: PolicyVersionRow; policy: SlaPolicy }) {
  const { lang, utcOffset } = frame;
  const values = valuesOf(policy);
  const shown = (path: string, value: string) => {
    if (path === 'firstContact.rule') return t(lang, `policy.rule.${value as 'sameDay' | 'within'}`);
    if (path === 'unsatisfiedVisit') return t(lang, `policy.unsatisfied.${value as 'reopen' | 'escalate'}`);
    const words = durationInWords(lang, value);
    return words ? `${words}（${value}）` : value;
  };
  return (
    <Layout frame={frame} title={t(lang, 'policy.versionTitle', { version: row.version })}>
      <p>
        <a href="/admin/policy">{t(lang, 'policy.backToPolicy')}</a>
      </p>
      <p class="lead">{t(lang, 'policy.versionLead', { by: publisher(row), at: formatDeadline(row.publishedAt, utcOffset) })}</p>
      <dl class="summary" data-testid="policy-version">
        {Object.entries(values)
          .filter(([path]) => path !== 'version')
          .map(([path, value]) => (
            <>
              <dt>{fieldLabel(lang, path)}</dt>
              <dd>{shown(path, value)}</dd>
            </>
          ))}
      </dl>
    </Layout>
  );
}
