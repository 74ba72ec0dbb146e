import { formatLocal } from '../../domain/clocks/local-time';
import { readDepartmentDeadline, type DepartmentDeadline } from '../../domain/department-deadlines';
import { ClockWords } from '../cases/clock-marks';
import { t } from '../i18n/messages';
import type { Frame } from '../kit/frame';

/** A department's deadline in the words of the case's clocks, or when it answered; nothing while none is known. */
export function DepartmentDeadlineWords({ frame, deadline, now }: { frame: Frame; deadline: DepartmentDeadline | undefined; now: Date }) {
  if (!deadline) return null;
  const { lang, utcOffset } = frame;
  return (
    <span data-testid="department-deadline">
      {deadline.kind === 'answered' ? (
        <time datetime={deadline.answeredAt}>{t(lang, 'casePage.departmentAnswered', { at: formatLocal(deadline.answeredAt, utcOffset) })}</time>
      ) : (
        <ClockWords frame={frame} dueAt={deadline.dueAt} reading={readDepartmentDeadline(deadline, now.getTime())} />
      )}
    </span>
  );
}
