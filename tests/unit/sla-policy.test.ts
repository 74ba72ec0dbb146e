import { describe, expect, it } from 'vitest';
import { defaultSlaPolicy, durationToMs, parseSlaPolicy } from '../../domain/policy';
import type { SlaPolicy } from '../../schemas/policy';
import { planFirstContact } from '../../domain/clocks/plan';

describe('SLA policy', () => {
  it('reads ISO-8601 durations a station would write', () => {
    expect(durationToMs('PT12H')).toBe(12 * 3_600_000);
    expect(durationToMs('P3D')).toBe(3 * 86_400_000);
    expect(durationToMs('PT1H30M')).toBe(90 * 60_000);
    expect(durationToMs('PT2.5S')).toBe(2_500);
    expect(() => durationToMs('P1M')).toThrow(/ISO-8601/);
    expect(() => durationToMs('PT')).toThrow(/ISO-8601/);
  });

  it('refuses a configured policy with a bad field and names the field', () => {
    const bad = { ...defaultSlaPolicy, firstContact: { rule: 'within', duration: '12 hours' } };
    expect(() => parseSlaPolicy(JSON.stringify(bad))).toThrow(/firstContact\.duration: must be an ISO-8601 duration/);
    expect(parseSlaPolicy(undefined)).toEqual(defaultSlaPolicy);
  });
});

describe('first contact the same day (事不过夜)', () => {
  // 10:00 in Beijing is 02:00 UTC.
  it('is due by local midnight for a dispute filed in the morning', () => {
    const clock = planFirstContact(defaultSlaPolicy, new Date('2026-11-23T02:00:00Z'));
    expect(clock.dueAt).toBe('2026-11-23T16:00:00.000Z');
    expect(clock.warnAt).toBe('2026-11-23T13:12:00.000Z');
  });

  it('is due within 12 hours for a dispute filed after 18:00', () => {
    const clock = planFirstContact(defaultSlaPolicy, new Date('2026-11-23T11:30:00Z'));
    expect(clock.dueAt).toBe('2026-11-23T23:30:00.000Z');
  });

  it('counts the local day, not the UTC day, just after local midnight', () => {
    // 00:30 in Beijing on the 24th is still the 23rd in UTC.
    const clock = planFirstContact(defaultSlaPolicy, new Date('2026-11-23T16:30:00Z'));
    expect(clock.dueAt).toBe('2026-11-24T16:00:00.000Z');
  });

  it('runs on a fixed span where the policy says so', () => {
    const seconds: SlaPolicy = { ...defaultSlaPolicy, firstContact: { rule: 'within', duration: 'PT4S' }, warnAtShare: 0.5 };
    const clock = planFirstContact(seconds, new Date('2026-11-23T02:00:00Z'));
    expect(clock).toEqual({ startedAt: '2026-11-23T02:00:00.000Z', warnAt: '2026-11-23T02:00:02.000Z', dueAt: '2026-11-23T02:00:04.000Z' });
  });
});
