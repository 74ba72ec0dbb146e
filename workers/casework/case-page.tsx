import { reportedState } from '../../domain/clocks/clock-reading';
import { formatLocal } from '../../domain/clocks/local-time';
import type { OpenStep } from '../../domain/steps-now';
import type { ListedClock } from '../../schemas/case-list';
import type { StepName } from '../../schemas/steps';
import type { Department } from '../../schemas/vocabulary';
import { t, type MessageKey } from '../i18n/messages';
import { refusalWords } from '../i18n/refusals';
import type { CasePageData } from './case-page-data';
import { DepartmentDeadlineWords } from './department-deadline-words';
import type { DepartmentDeadlines } from './department-deadlines';
import type { CaseView } from '../cases/case-view';
import { ClockList } from '../cases/clock-marks';
import { eventDetails, eventTitle, shownOnTimeline } from '../cases/event-words';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { Phone } from '../kit/phone';
import { RefusedStep, StepSection, type StepAttempt } from './step-forms';
import { AttachmentsSection, type AttachmentAttempt } from './attachments-section';

type Event = CaseView['timeline'][number];

/** An open clock as the lists carry it: warned or breached as the workflow reported; ClockList reads it at `now`. */
const listed = (clock: CaseView['clocks'][number]): ListedClock => ({ clock: clock.clock, dueAt: clock.dueAt, state: reportedState(clock), provisional: clock.provisional });

/** The case's story, newest first: each event with what it said (to whom, which route and why, when and where). */
function Timeline({ frame, events, names }: { frame: Frame; events: readonly Event[]; names: Map<string, string> }) {
  const { lang, utcOffset } = frame;
  const shown = events.filter(shownOnTimeline);
  return (
    <ol class="timeline" reversed data-testid="timeline">
      {[...shown].reverse().map((event) => (
        <li data-type={event.type}>
          <time datetime={event.at}>{formatLocal(event.at, utcOffset)}</time> · <strong>{eventTitle(lang, event)}</strong>
          {' · '}
          <span class="muted">{event.actor === 'system' ? t(lang, 'casePage.system') : (names.get(event.actor) ?? event.actor)}</span>
          {eventDetails(event, { lang, utcOffset, names }).map((line) => (
            <div class="event-detail">{line}</div>
          ))}
          {event.reason ? <div>{event.reason}</div> : null}
        </li>
      ))}
    </ol>
  );
}

function Facts({ frame, view, names, deadlines, now }: { frame: Frame; view: CaseView; names: Map<string, string>; deadlines: DepartmentDeadlines; now: Date }) {
  const { lang, utcOffset } = frame;
  const route = view.process?.route;
  const departments = Object.entries(route?.departments ?? {}) as [Department, string][];
  const flags = (list: readonly string[]) => (list.length ? list.map((flag) => t(lang, `riskFlags.${flag}` as MessageKey)).join(lang === 'en' ? ', ' : '、') : t(lang, 'casePage.none'));
  return (
    <dl class="summary" data-testid="facts">
      <dt>{t(lang, 'page.status')}</dt>
      <dd data-testid="status">{t(lang, `status.${view.status}`)}</dd>
      {view.outcome ? (
        <>
          <dt>{t(lang, 'casePage.outcome')}</dt>
          <dd>{t(lang, `outcome.${view.outcome}`)}</dd>
        </>
      ) : null}
      <dt>{t(lang, 'category')}</dt>
      <dd>{t(lang, `category.${view.category}`)}</dd>
      <dt>{t(lang, 'casePage.summary')}</dt>
      <dd>{view.summary}</dd>
      <dt>{t(lang, 'page.address')}</dt>
      <dd>{view.where.address}</dd>
      <dt>{t(lang, 'page.channel')}</dt>
      <dd>{t(lang, `channel.${view.channel}`)}</dd>
      <dt>{t(lang, 'casePage.filedAt')}</dt>
      <dd>
        <time datetime={view.filedAt}>{formatLocal(view.filedAt, utcOffset)}</time>
      </dd>
      <dt>{t(lang, 'casePage.riskFlags')}</dt>
      <dd>{flags(view.riskFlags)}</dd>
      {view.process?.suggestedFlags.length ? (
        <>
          <dt>{t(lang, 'casePage.suggestedFlags')}</dt>
          <dd>{flags(view.process.suggestedFlags)}</dd>
        </>
      ) : null}
      {view.route ? (
        <>
          <dt>{t(lang, 'casePage.route')}</dt>
          <dd data-testid="route">{t(lang, `route.${view.route}`)}</dd>
        </>
      ) : null}
      {route ? (
        <>
          <dt>{t(lang, 'casePage.routeStage')}</dt>
          <dd>{t(lang, `routeStage.${route.stage}`)}</dd>
          <dt>{t(lang, 'casePage.sessions')}</dt>
          <dd>{t(lang, 'casePage.sessionsValue', { scheduled: route.sessionsScheduled, held: route.sessionsHeld })}</dd>
        </>
      ) : null}
      {departments.length ? (
        <>
          <dt>{t(lang, 'casePage.departments')}</dt>
          <dd>
            <ul data-testid="departments">
              {departments.map(([department, status]) => (
                <li data-department={department}>
                  {t(lang, `department.${department}`)}
                  {route?.lead === department ? `（${t(lang, 'casePage.lead')}）` : ''}：{t(lang, `departmentStatus.${status}` as MessageKey)}
                  {deadlines.has(department) ? ' · ' : null}
                  <DepartmentDeadlineWords frame={frame} deadline={deadlines.get(department)} now={now} />
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      <dt>{t(lang, 'casePage.hardCase')}</dt>
      <dd>{t(lang, view.hardCase ? 'casePage.yes' : 'casePage.no')}</dd>
      {view.order ? (
        <>
          <dt>{t(lang, 'casePage.order')}</dt>
          <dd>{t(lang, `order.${view.order}`)}</dd>
        </>
      ) : null}
      <dt>{t(lang, 'casePage.assignee')}</dt>
      <dd data-testid="assignee">
        {view.assigneeId ? (view.process?.assignee?.name ?? names.get(view.assigneeId) ?? view.assigneeId) : t(lang, 'casePage.unassigned')}
      </dd>
      <dt>{t(lang, 'casePage.escalation')}</dt>
      <dd data-testid="escalation">
        {view.escalationLevel > 0 ? <span class="mark escalated">{t(lang, `casePage.escalation.${view.escalationLevel as 1 | 2}`)}</span> : t(lang, 'casePage.escalation.0')}
      </dd>
      {view.process?.paused ? (
        <>
          <dt>{t(lang, 'casePage.paused')}</dt>
          <dd>{view.process.paused.reason}</dd>
        </>
      ) : null}
      {view.process?.pendingExtension ? (
        <>
          <dt>{t(lang, 'casePage.pendingExtension')}</dt>
          <dd>{t(lang, 'casePage.pendingExtensionValue', { duration: view.process.pendingExtension.duration, reason: view.process.pendingExtension.reason })}</dd>
        </>
      ) : null}
    </dl>
  );
}

export interface CasePageProps {
  frame: Frame;
  data: CasePageData;
  now: Date;
  /** The step just taken, for the word at the top. */
  done?: StepName;
  /** A step posted and not taken: its form again, with the reason or the fields to correct. */
  attempt?: StepAttempt;
  /** Temporal did not answer: nothing changed, or the step may have been taken. */
  unavailable?: 'unchanged' | 'maybeTaken';
  /** A file sent from the 附件 form and not attached: why, beside the field. */
  attachmentAttempt?: AttachmentAttempt;
  /** The ID of the attachment just attached, said at the top. */
  attached?: string;
}

/**
 * A case on one page: the facts, the parties, the open clocks with their time left, the steps the reader may take
 * now (each a small form), and the timeline, newest first.
 */
export function CasePage({ frame, data, now, done, attempt, unavailable, attachmentAttempt, attached }: CasePageProps) {
  const { lang } = frame;
  const { view, openSteps, whyNone, mediators, names } = data;
  const openClocks = view.clocks.filter((clock) => !clock.stoppedAt).map(listed);
  const steps: OpenStep[] = [...(openSteps ?? [])];
  // A step refused and no longer open leaves its reason, not its form: a second try could only be refused again.
  const refusedGone = attempt?.refusal !== undefined && !steps.some((open) => open.step === attempt.step) ? attempt.refusal : undefined;
  // A form sent back for its fields, or unanswered, stays as it was sent, to be corrected or sent again.
  if (attempt && !refusedGone && !steps.some((open) => open.step === attempt.step)) {
    const onBehalf = attempt.values.onBehalfOfAssignee === '1' ? { onBehalf: true as const } : {};
    steps.unshift({ step: attempt.step, departments: attempt.values.department ? [attempt.values.department as Department] : [], ...onBehalf });
  }
  const own = steps.filter((open) => !open.onBehalf);
  const forHolder = steps.filter((open) => open.onBehalf);
  const holderName = view.assigneeId ? (names.get(view.assigneeId) ?? view.assigneeId) : '';
  const justAttached = attached ? data.attachments.find((attachment) => attachment.id === attached) : undefined;
  return (
    <Layout frame={frame} title={t(lang, 'casePage.title', { caseNumber: view.caseNumber })}>
      {done ? (
        <p class="notice success" role="status" data-testid="flash">
          {t(lang, 'casePage.done', { step: t(lang, `step.${done}`) })}
        </p>
      ) : null}
      {justAttached ? (
        <p class="notice success" role="status" data-testid="attached">
          {t(lang, 'attachment.done', { name: justAttached.fileName })}
        </p>
      ) : null}
      {unavailable ? (
        <p class="notice important" role="alert">
          {t(lang, unavailable === 'maybeTaken' ? 'casePage.maybeTaken' : 'casePage.unavailable')}
        </p>
      ) : null}
      <h2>{t(lang, 'casePage.facts')}</h2>
      <Facts frame={frame} view={view} names={names} deadlines={data.departmentDeadlines} now={now} />
      {data.agreementNumbered ? (
        <p>
          <a href={`/cases/${view.id}/agreement`} data-testid="agreement-link">
            {t(lang, 'agreement.link')}
          </a>
        </p>
      ) : null}
      <h2>{t(lang, 'casePage.parties')}</h2>
      <ul class="cards" data-testid="parties">
        {view.parties.map((party) => (
          <li>
            <strong>{party.name}</strong> <span class="tag">{t(lang, `parties.role.${party.role}`)}</span>{' '}
            {party.phone ? <Phone number={party.phone} /> : <span class="muted">{t(lang, 'casePage.noPhone')}</span>}
            {party.address ? <div class="muted">{party.address}</div> : null}
          </li>
        ))}
      </ul>
      <AttachmentsSection frame={frame} caseId={view.id} attachments={data.attachments} mayAttach={data.mayAttach} attempt={attachmentAttempt} />
      <h2>{t(lang, 'casePage.clocks')}</h2>
      {openClocks.length ? <ClockList frame={frame} clocks={openClocks} now={now} paused={view.paused} /> : <p>{t(lang, 'casePage.noClocks')}</p>}
      <h2>{t(lang, 'casePage.steps')}</h2>
      <div data-testid="steps">
        {refusedGone ? <RefusedStep lang={lang} reason={refusedGone} offered={steps.length > 0} /> : null}
        {openSteps === undefined && !attempt ? <p class="notice">{t(lang, 'casePage.queued')}</p> : null}
        {openSteps !== undefined && !steps.length ? (
          <p data-testid="no-steps">
            {t(lang, 'casePage.noSteps')}
            {whyNone ? <> {t(lang, 'casePage.noStepsBecause', { why: refusalWords(lang, whyNone) })}</> : null}
          </p>
        ) : null}
        {own.map((open) => (
          <StepSection lang={lang} view={view} open={open} mediators={mediators} attempt={attempt?.step === open.step ? attempt : undefined} />
        ))}
        {forHolder.length ? (
          <details class="step" data-testid="on-behalf" open={forHolder.some((open) => open.step === attempt?.step) ? true : undefined}>
            <summary>{t(lang, 'casePage.onBehalf', { name: holderName })}</summary>
            <p class="hint">{t(lang, 'casePage.onBehalfHint', { name: holderName })}</p>
            {forHolder.map((open) => (
              <StepSection lang={lang} view={view} open={open} mediators={mediators} attempt={attempt?.step === open.step ? attempt : undefined} />
            ))}
          </details>
        ) : null}
      </div>
      <h2>{t(lang, 'casePage.timeline')}</h2>
      <Timeline frame={frame} events={view.timeline} names={names} />
    </Layout>
  );
}
