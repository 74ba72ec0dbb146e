import { describe, expect, it } from 'vitest';
import { computeFigures, type CaseFacts } from '../../domain/figures';

const now = new Date('2026-11-30T12:00:00Z');
const station = (code: string) => `/XH/${code}/${code}-C/`;

/** Five cases of one month, each with a history whose figures a station could count by hand. */
const cases: CaseFacts[] = [
  {
    // Contacted in time, dispatched and accepted, settled on the grassroots route in time, two visits (one unhappy).
    id: 'a', filedAt: '2026-11-02T01:00:00Z', channel: 'grid', category: 'neighbour', route: 'grassroots', jurisdictionPath: station('XH-LY'),
    assigneeId: 'zhao', status: 'resolved', outcome: 'agreement',
    firstContact: { dueAt: '2026-11-02T16:00:00Z', breachedAt: null, stoppedAt: '2026-11-02T05:00:00Z' },
    resolve: { breachedAt: null },
    events: [
      { type: 'step:assign', detail: { mediatorId: 'zhao' } },
      { type: 'step:accept', detail: {} },
      { type: 'step:record-return-visit', detail: { satisfied: true } },
      { type: 'step:record-return-visit', detail: { satisfied: false } },
    ],
  },
  {
    // Contact late, dispatched twice (the first never accepted), escalated to the county, settled late on the judicial route.
    id: 'b', filedAt: '2026-11-03T02:00:00Z', channel: 'online', category: 'property', route: 'judicial', jurisdictionPath: station('XH-LY'),
    assigneeId: 'qian', status: 'resolved', outcome: 'agreement',
    firstContact: { dueAt: '2026-11-03T16:00:00Z', breachedAt: '2026-11-03T16:00:00Z', stoppedAt: '2026-11-04T01:00:00Z' },
    resolve: { breachedAt: '2026-12-03T02:00:00Z' },
    events: [
      { type: 'step:assign', detail: { mediatorId: 'sun' } },
      { type: 'escalated', detail: { level: 1, clock: 'accept' } },
      { type: 'escalated', detail: { level: 2, unacknowledged: true } },
      { type: 'step:assign', detail: { mediatorId: 'qian' } },
      { type: 'step:accept', detail: {} },
      { type: 'repeat_report', detail: {} },
    ],
  },
  {
    // A joint route: two departments named, one answered; failed over from grassroots; still open; escalation acknowledged.
    id: 'c', filedAt: '2026-11-10T03:00:00Z', channel: 'grid', category: 'land', route: 'joint', jurisdictionPath: station('XH-BS'),
    assigneeId: 'zhao', status: 'open', outcome: null,
    firstContact: { dueAt: '2026-11-10T16:00:00Z', breachedAt: null, stoppedAt: '2026-11-10T09:00:00Z' },
    resolve: { breachedAt: null },
    events: [
      { type: 'route_transferred', detail: { from: 'grassroots', to: 'joint' } },
      { type: 'step:assign', detail: { mediatorId: 'zhao', departments: ['police', 'market'] } },
      { type: 'step:accept', detail: {} },
      { type: 'step:record-department-report', detail: { department: 'market', outcome: 'refused' } },
      { type: 'step:record-department-report', detail: { department: 'police', outcome: 'more_time' } },
      { type: 'escalated', detail: { level: 1, department: 'police' } },
    ],
  },
  {
    // A lost child: not a dispute. Its first contact was still running and not yet due: not judged.
    id: 'd', filedAt: '2026-11-30T10:00:00Z', channel: 'community', category: 'family', route: 'grassroots', jurisdictionPath: station('XH-LY'),
    assigneeId: null, status: 'closed', outcome: 'not_a_dispute',
    firstContact: { dueAt: '2026-11-30T16:00:00Z', breachedAt: null, stoppedAt: null },
    events: [],
  },
  {
    // Filed while Temporal was away and never started: queued, counted as load.
    id: 'e', filedAt: '2026-11-30T11:00:00Z', channel: 'enforcement', category: 'other', route: null, jurisdictionPath: station('XH-BS'),
    assigneeId: null, status: 'queued', outcome: null,
    events: [],
  },
];

describe('the station’s figures', () => {
  it('count a known month exactly as their definitions say', () => {
    const { total } = computeFigures(cases, 'none', '+08:00', now);
    expect(total).toEqual({
      filed: 5,
      firstContactDue: 3,
      firstContactOnTime: 2,
      firstContactOnTimeRate: 0.6667,
      // a: 1 dispatch, answered; b: 2 dispatches, 1 answered; c: 1 dispatch + 2 departments, dispatch and market answered.
      dispatched: 6,
      feedbackReceived: 4,
      feedbackRate: 0.6667,
      resolved: 2,
      resolvedByRoute: { grassroots: 1, judicial: 1, joint: 0 },
      transfers: { 'grassroots→joint': 1 },
      exits: { not_a_dispute: 1, referred_to_police: 0, withdrawn: 0, duplicate: 0 },
      litigation: 0,
      escalationsRaised: 2,
      escalationsAcknowledgedInTime: 1,
      escalationsReachingCounty: 1,
      overTheStationsHead: 1,
      repeats: 1,
      returnVisits: 2,
      satisfied: 1,
      satisfactionRate: 0.5,
      openLoad: 2,
      resolvedOnTime: 1,
      onTimeRate: 0.5,
    });
  });

  it('rank mediators by their on-time rate, one list per person (一人一单)', () => {
    const { groups } = computeFigures(cases, 'mediator', '+08:00', now);
    expect(groups.map((g) => [g.key, g.rank, g.figures.resolved, g.figures.onTimeRate, g.figures.openLoad])).toEqual([
      ['zhao', 1, 1, 1, 1],
      ['qian', 2, 1, 0, 0],
      ['unassigned', undefined, 0, null, 1],
    ]);
  });

  it('group by station, channel and the local week a case was filed in', () => {
    expect(computeFigures(cases, 'jurisdiction', '+08:00', now).groups.map((g) => [g.key, g.figures.filed])).toEqual([
      ['XH-BS', 2],
      ['XH-LY', 3],
    ]);
    expect(computeFigures(cases, 'channel', '+08:00', now).groups.map((g) => [g.key, g.figures.filed])).toEqual([
      ['community', 1],
      ['enforcement', 1],
      ['grid', 2],
      ['online', 1],
    ]);
    // 2026-11-30 is a Monday; the last two cases fall in its week, local time.
    expect(computeFigures(cases, 'week', '+08:00', now).groups.map((g) => [g.key, g.figures.filed])).toEqual([
      ['2026-11-02', 2],
      ['2026-11-09', 1],
      ['2026-11-30', 2],
    ]);
  });
});
