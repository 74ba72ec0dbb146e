import { t } from '../i18n/messages';
import type { CaseListRow } from '../cases/case-list';
import type { CaseSteps } from './open-steps';
import { CaseCard } from '../cases/case-card';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { RefusedStep, StepForm, stepTitleId, type StepAttempt } from './step-forms';
import type { Department } from '../../schemas/vocabulary';
import { DepartmentDeadlineWords } from './department-deadline-words';
import type { DepartmentDeadlines } from './department-deadlines';

export interface DepartmentHomeProps {
  frame: Frame;
  department: Department | null;
  rows: readonly CaseListRow[];
  steps: ReadonlyMap<string, CaseSteps>;
  /** Each case's departments' report deadlines, by case id. */
  deadlines: ReadonlyMap<string, DepartmentDeadlines>;
  nextCursor: string | null;
  now: Date;
  /** A report posted from this list and not taken: its form again, under its case. */
  attempt?: StepAttempt & { caseId: string };
  /** The case whose report was just taken. */
  reported?: string;
}

/** A department liaison's home: the joint-route cases that name their department, each with its report-back form. */
export function DepartmentHome({ frame, department, rows, steps, deadlines, nextCursor, now, attempt, reported }: DepartmentHomeProps) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'page.departmentHomeTitle')}>
      {reported ? (
        <p class="notice success" role="status" data-testid="flash">
          {t(lang, 'casePage.done', { step: `${t(lang, 'step.record-department-report')} · ${reported}` })}
        </p>
      ) : null}
      {department ? <p class="lead">{t(lang, 'tasks.lead', { department: t(lang, `department.${department}`) })}</p> : null}
      {rows.length ? (
        <ul class="cards" data-testid="tasks">
          {rows.map((row) => {
            const found = steps.get(row.id);
            const status = department ? found?.route?.departments[department] : undefined;
            const deadline = department ? deadlines.get(row.id)?.get(department) : undefined;
            const report = found?.openSteps?.find((open) => open.step === 'record-department-report');
            const tried = attempt?.caseId === row.id ? attempt : undefined;
            // A report refused and no longer open leaves its reason, not a form that would be refused again.
            const refusedGone = tried?.refusal !== undefined && !report ? tried.refusal : undefined;
            return (
              <CaseCard frame={frame} row={row} now={now}>
                <p>
                  <strong>{t(lang, 'tasks.yourPart')}：</strong>
                  <span data-testid="department-status">{status ? t(lang, `departmentStatus.${status}`) : t(lang, 'casePage.none')}</span>
                  {deadline ? ' · ' : null}
                  <DepartmentDeadlineWords frame={frame} deadline={deadline} now={now} />
                </p>
                {refusedGone ? <RefusedStep lang={lang} reason={refusedGone} offered={false} /> : null}
                {report || (tried && !refusedGone) ? (
                  <section class="step">
                    <h2 id={stepTitleId('record-department-report', row.id)}>{t(lang, 'step.record-department-report')}</h2>
                    <StepForm
                      lang={lang}
                      view={{ id: row.id, route: row.route, hardCase: row.hardCase, riskFlags: [], process: null }}
                      open={report ?? { step: 'record-department-report', departments: department ? [department] : [] }}
                      mediators={[]}
                      attempt={tried}
                      returnTo="/tasks"
                      idScope={row.id}
                    />
                  </section>
                ) : null}
              </CaseCard>
            );
          })}
        </ul>
      ) : (
        <p>{t(lang, 'tasks.empty')}</p>
      )}
      {nextCursor ? (
        <nav class="pager" aria-label={t(lang, 'queue.more')}>
          <a class="button secondary" href={`/tasks?cursor=${encodeURIComponent(nextCursor)}`} rel="next">
            {t(lang, 'queue.more')}
          </a>
        </nav>
      ) : null}
    </Layout>
  );
}
