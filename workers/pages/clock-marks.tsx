import type { ClockState, ListedClock } from '../../schemas/case-list';
import { t, type Lang } from '../i18n/messages';
import type { Frame } from './frame';
import { formatDeadline } from './local-time';

/** "2 天 3 小时", "3 小时 20 分钟", "5 分钟": the two largest units are enough to act on. */
export function timeSpan(lang: Lang, ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return t(lang, 'time.underAMinute');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const parts = [
    days ? t(lang, 'time.days', { n: days }) : '',
    hours ? t(lang, 'time.hours', { n: hours }) : '',
    !days && minutes % 60 ? t(lang, 'time.minutes', { n: minutes % 60 }) : '',
  ].filter(Boolean);
  return parts.slice(0, 2).join(' ');
}

/** A clock past its due time is breached even before the workflow's report of it has arrived. */
export const stateNow = (clock: { dueAt: string; state: ClockState }, now: Date): ClockState =>
  Date.parse(clock.dueAt) <= now.getTime() ? 'breached' : clock.state;

/** A warning or a breach in words as well as colour, so it reads the same to everyone. */
export function StateMark({ lang, state }: { lang: Lang; state: ClockState }) {
  if (state === 'running') return null;
  return <span class={`mark ${state}`}>{`${state === 'breached' ? '✖' : '⚠'} ${t(lang, `clockState.${state}`)}`}</span>;
}

/** Every open clock: its name, the time left (or how long overdue), its local due time, and a mark when late. */
export function ClockList({ frame, clocks, now, paused = false }: { frame: Frame; clocks: readonly ListedClock[]; now: Date; paused?: boolean }) {
  const { lang, utcOffset } = frame;
  return (
    <ul class="clocks">
      {clocks.map((clock) => {
        const state = stateNow(clock, now);
        const left = Date.parse(clock.dueAt) - now.getTime();
        return (
          <li class={state} data-clock={clock.clock} data-state={state}>
            <strong>{t(lang, `clock.${clock.clock}`)}</strong>{' '}
            <StateMark lang={lang} state={state} />{' '}
            {paused
              ? t(lang, 'time.paused')
              : t(lang, left > 0 ? 'time.left' : 'time.overdueBy', { left: timeSpan(lang, left) })}
            {' · '}
            <time datetime={clock.dueAt}>{t(lang, 'time.due', { at: formatDeadline(clock.dueAt, utcOffset) })}</time>
          </li>
        );
      })}
    </ul>
  );
}
