import { describe, expect, it } from 'vitest';
import { accountWaitLeft, locksAt, passwordProblem, signInBackoff, waitAfterFailures } from '../../domain/sign-in-backoff';

describe('sign-in back-off and lock', () => {
  it('lets the first wrong passwords go, then doubles the wait, to 64 s before the tenth', () => {
    expect([0, 1, 2].map((failures) => waitAfterFailures(failures))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map((failures) => waitAfterFailures(failures))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(waitAfterFailures(4, 200)).toBe(400);
    expect(waitAfterFailures(signInBackoff.lockAfter - 1)).toBe(64_000);
  });

  it('counts the wait from the last wrong password', () => {
    const last = '2026-12-07T08:00:00.000Z';
    expect(accountWaitLeft(4, last, new Date('2026-12-07T08:00:00.500Z'))).toBe(1_500);
    expect(accountWaitLeft(4, last, new Date('2026-12-07T08:00:02.000Z'))).toBe(0);
    expect(accountWaitLeft(4, null, new Date())).toBe(0);
  });

  it('locks the account at the tenth wrong password in a row', () => {
    expect(locksAt(signInBackoff.lockAfter - 1)).toBe(false);
    expect(locksAt(signInBackoff.lockAfter)).toBe(true);
  });

  it('refuses a short password, a long one, and the account’s own ID or phone', () => {
    const account = { id: 'mediator-ly-sun', phone: '13800001111' };
    expect(passwordProblem('短密码12345', account)).toBeUndefined();
    expect(passwordProblem('调解员孙七', account)).toBe('tooShort');
    expect(passwordProblem('x'.repeat(129), account)).toBe('tooLong');
    expect(passwordProblem('Mediator-LY-Sun', account)).toBe('isOwnName');
    expect(passwordProblem('13800001111', account)).toBe('isOwnName');
  });
});
