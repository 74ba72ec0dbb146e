import { readListedClock, type ClockReading } from '../../domain/clocks/clock-reading';
import type { ClockState, ListedClock } from '../../schemas/case-list';
import { t, type Lang } from '../i18n/messages';
import type { Frame } from '../kit/frame';
import { formatDeadline } from '../kit/local-time';

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

/** A clock's state in words and a sign, never colour alone: the one mark the board, the queue and the case page show. */
export function StateMark({ lang, state }: { lang: Lang; state: ClockState }) {
  if (state === 'running') return <span class="mark">{t(lang, 'clockState.running')}</span>;
  return (
    <span class={`mark ${state}`}>
      <span aria-hidden="true">{state === 'breached' ? '✖ ' : '⚠ '}</span>
      {t(lang, `clockState.${state}`)}
    </span>
  );
}

/** A deadline read at a moment: its state, the time left (or how long overdue), and its local due time. */
export function ClockWords({ frame, dueAt, reading }: { frame: Frame; dueAt: string; reading: ClockReading }) {
  const { lang, utcOffset } = frame;
  return (
    <>
      <StateMark lang={lang} state={reading.state} />{' '}
      {reading.paused ? t(lang, 'time.paused') : t(lang, reading.late ? 'time.overdueBy' : 'time.left', { left: timeSpan(lang, reading.msLeft) })}
      {' · '}
      <time datetime={dueAt}>{t(lang, 'time.due', { at: formatDeadline(dueAt, utcOffset) })}</time>
    </>
  );
}

/** Every open clock: its name, then what it says now (its state, the time left or overdue, its local due time). */
export function ClockList({ frame, clocks, now, paused = false }: { frame: Frame; clocks: readonly ListedClock[]; now: Date; paused?: boolean }) {
  const { lang } = frame;
  return (
    <ul class="clocks">
      {clocks.map((clock) => {
        const reading = readListedClock(clock, paused, now.getTime());
        return (
          <li class={reading.state} data-clock={clock.clock} data-state={reading.state}>
            <strong>{t(lang, `clock.${clock.clock}`)}</strong>{' '}
            <ClockWords frame={frame} dueAt={clock.dueAt} reading={reading} />
            {clock.provisional ? (
              <span class="muted" data-testid="provisional">
                {' '}
                {t(lang, 'deadline.provisional')}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
