import * as v from 'valibot';
import { formatLocal } from '../../domain/clocks/local-time';
import type { TimelineEventType } from '../../schemas/case-event';
import type { StepName } from '../../schemas/steps';
import { triageReasonSchema } from '../../schemas/triage-reason';
import { t, type Lang, type MessageKey } from '../i18n/messages';
import { formatDeadline } from '../kit/local-time';

/** A timeline event as the case page, the inbox and the receipt read it. */
export interface WordedEvent {
  type: TimelineEventType;
  detail: Record<string, unknown>;
}

export interface Wording {
  lang: Lang;
  utcOffset: string;
  /** People's names by user ID, for the IDs an event's detail holds. */
  names: ReadonlyMap<string, string>;
}

const listOf = (lang: Lang, items: readonly string[]) => items.join(lang === 'en' ? ', ' : '、');
const keyed = (lang: Lang, key: string) => t(lang, key as MessageKey);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Triage's coded reasons in words; a run from before codes wrote English sentences, which a page leaves out. */
function triageReasonWords(lang: Lang, reasons: unknown): string[] {
  if (!Array.isArray(reasons)) return [];
  return reasons.filter((reason) => v.is(triageReasonSchema, reason)).map((reason) => {
    switch (reason.code) {
      case 'jointCategory':
      case 'judicialCategory':
      case 'closeToHome':
        return t(lang, `triageReason.${reason.code}`, { category: keyed(lang, `category.${reason.category}`) });
      case 'risk':
        return t(lang, 'triageReason.risk', { flag: keyed(lang, `riskFlags.${reason.flag}`) });
      default:
        return t(lang, `triageReason.${reason.code}`);
    }
  });
}

/** "P3D" as a person says it; a duration the forms never offer is shown as written. */
function durationWords(lang: Lang, duration: string): string {
  const days = /^P(\d+)D$/.exec(duration)?.[1];
  return days ? t(lang, 'casePage.days', { n: Number(days) }) : duration;
}

export function eventTitle(lang: Lang, event: WordedEvent): string {
  const step = event.type.startsWith('step:') ? (event.type.slice(5) as StepName) : undefined;
  const title = step ? t(lang, `step.${step}`) : keyed(lang, `timeline.${event.type}`);
  if (event.type === 'on_behalf_of') {
    const { step: taken, mediatorName } = event.detail as { step: StepName; mediatorName: string };
    return t(lang, 'timeline.on_behalf_of', { step: t(lang, `step.${taken}`), name: mediatorName });
  }
  const clock = text(event.detail.clock);
  return clock && (event.type === 'clock_warning' || event.type === 'clock_breached') ? `${title} · ${keyed(lang, `clock.${clock}`)}` : title;
}

/**
 * What an event says beyond its title, in a line or two: to whom a case went, which route triage chose and why, when
 * and where a session is, what a merged report said, how long an extension asks for. Empty when the title says it all.
 */
export function eventDetails(event: WordedEvent, { lang, utcOffset, names }: Wording): string[] {
  const { detail } = event;
  switch (event.type) {
    case 'step:assign': {
      const mediator = text(detail.mediatorName) || names.get(text(detail.mediatorId)) || text(detail.mediatorId);
      const departments = Array.isArray(detail.departments) ? (detail.departments as string[]).map((department) => keyed(lang, `department.${department}`)) : [];
      const lead = text(detail.lead) && keyed(lang, `department.${text(detail.lead)}`);
      return [
        t(lang, 'event.assignedTo', { name: mediator }),
        ...(departments.length ? [lead ? t(lang, 'event.departmentsLed', { departments: listOf(lang, departments), lead }) : t(lang, 'event.departments', { departments: listOf(lang, departments) })] : []),
      ];
    }
    case 'triaged': {
      const reasons = triageReasonWords(lang, detail.reasons);
      return [
        t(lang, detail.hardCase ? 'event.triagedHard' : 'event.triaged', { route: keyed(lang, `route.${text(detail.route)}`) }),
        ...(reasons.length ? [t(lang, 'event.triageReasons', { reasons: reasons.join(lang === 'en' ? '; ' : '；') })] : []),
      ];
    }
    case 'step:override-triage':
      return detail.route ? [t(lang, 'event.routeNow', { route: keyed(lang, `route.${text(detail.route)}`) })] : [];
    case 'step:schedule-session':
      return [t(lang, 'event.session', { at: formatLocal(text(detail.at), utcOffset), place: text(detail.place) })];
    case 'step:request-extension':
      return [t(lang, 'event.extension', { span: durationWords(lang, text(detail.duration)) })];
    case 'step:decide-extension':
      return [t(lang, detail.approve ? 'event.extensionApproved' : 'event.extensionRefused')];
    case 'repeat_report':
    case 'repeat_reported': {
      const parties = Array.isArray(detail.parties) ? (detail.parties as { name: string }[]).map((party) => party.name) : [];
      return [
        t(lang, 'event.reported', { channel: keyed(lang, `channel.${text(detail.channel)}`), summary: text(detail.summary) }),
        ...(parties.length ? [t(lang, 'event.parties', { names: listOf(lang, parties) })] : []),
      ];
    }
    case 'route_transferred':
      return [t(lang, 'event.transferred', { from: keyed(lang, `route.${text(detail.from)}`), to: keyed(lang, `route.${text(detail.to)}`) })];
    case 'handed_over':
      return [t(lang, 'event.handedOver', { to: keyed(lang, `route.${text(detail.to)}`) })];
    case 'clock_warning':
    case 'clock_breached':
      return detail.dueAt ? [t(lang, 'event.dueAt', { at: formatDeadline(text(detail.dueAt), utcOffset) })] : [];
    case 'step:record-department-report':
      return [t(lang, 'event.departmentReport', { department: keyed(lang, `department.${text(detail.department)}`), outcome: keyed(lang, `reportOutcome.${text(detail.outcome)}`) })];
    case 'step:record-return-visit':
      return [t(lang, detail.satisfied ? 'event.satisfied' : 'event.unsatisfied')];
    case 'escalated':
      return [t(lang, detail.level === 2 ? 'event.escalatedToCounty' : 'event.escalatedToStation')];
    default:
      return [];
  }
}

/**
 * An extension request is recorded twice, as the step and as the notice to the station that must decide it; a
 * timeline shows it once.
 */
export const shownOnTimeline = (event: WordedEvent) => event.type !== 'extension_requested';
