import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases, type CaseListFilter } from '../../db/queries/case-lists';
import { searchMatchExpression, searchPhrases } from '../../domain/search-index';
import { unfinishedStatuses } from '../../schemas/vocabulary';
import type { Stack } from '../../scripts/stack';
import { explainOnLocalD1, queryBuilder } from '../support/d1';
import { testStack } from '../support/stack';

/**
 * The daily lists read an index, never every case: each query is the one GET /api/cases sends (built by the same
 * function), its plan asked of the local D1 that wrangler keeps, migrated as the Worker's is.
 */
let stack: Stack;
const station = '/XH/XH-LY/';
const daily = { jurisdictionPath: station, station: 'XH-LY', statuses: unfinishedStatuses, sort: 'overdue', limit: 101 } as const satisfies CaseListFilter;

const lists: Record<string, CaseListFilter> = {
  'the overdue list': { ...daily, overdueOnly: true },
  'the county’s overdue list': { ...daily, jurisdictionPath: '/XH/', station: undefined, overdueOnly: true },
  'my cases': { ...daily, assigneeId: 'demo-mediator-ly' },
  'one status': { ...daily, statuses: ['open'] },
  'a community of the station (subtree)': { ...daily, jurisdictionPath: '/XH/XH-LY/XH-LY-BLQ/' },
  'the escalated list': { ...daily, escalatedOnly: true },
  'a search': { ...daily, searchMatch: searchMatchExpression(searchPhrases('白乐桥 张某')) },
  'the next page of the work list': { ...daily, after: ['1|~|2026-11-24T16:00:00.000Z|2026-11-23T02:00:00.000Z|a'] },
  'the newest first, filed in a month': { ...daily, sort: 'newest', filedFrom: '2026-11-01', filedTo: '2026-11-30' },
};

let plans: Map<string, string[]>;

beforeAll(async () => {
  stack = await testStack();
  await stack.prepareDatabase();
  plans = new Map();
  // One at a time: each is a wrangler process of its own on the same SQLite file, and two at once may find it locked.
  for (const [name, filter] of Object.entries(lists)) {
    plans.set(name, await explainOnLocalD1(stack.options.dataDir, listCases(queryBuilder(), filter).toSQL()));
  }
});
afterAll(async () => stack?.stop());

// "SCAN t" without "USING … INDEX" reads every row of t; json_each is the query's own list, and a virtual table scanned
// by MATCH (":M") is the trigram index's look-up.
const fullScans = (plan: string[]) =>
  plan.filter((line) => /^SCAN (?!json_each)/.test(line) && !/USING (COVERING )?INDEX/.test(line) && !/VIRTUAL TABLE INDEX \d+:M/.test(line));

describe('the plans of the daily lists', () => {
  it.each(Object.keys(lists))('%s reads cases through an index and no table whole', (name) => {
    const plan = plans.get(name)!;
    expect(plan.some((line) => /^SEARCH cases USING (COVERING INDEX|INDEX|INTEGER PRIMARY KEY)/.test(line)), plan.join('\n')).toBe(true);
    expect(fullScans(plan), plan.join('\n')).toEqual([]);
  });

  it('searches the trigram index once, and reads only the cases found, by their rowid', () => {
    const plan = plans.get('a search')!;
    expect(plan.some((line) => /^SCAN case_search VIRTUAL TABLE INDEX 0:M/.test(line)), plan.join('\n')).toBe(true);
    // Not the status or path index: without statistics the planner would read every unfinished case through it.
    expect(plan.some((line) => /^SEARCH cases USING INTEGER PRIMARY KEY \(rowid=\?\)/.test(line)), plan.join('\n')).toBe(true);
  });

  it('reads the work lists in the order they show, so a page reads the rows it returns and sorts none', () => {
    const inOrder = (name: string, index: RegExp) => {
      const plan = plans.get(name)!.join('\n');
      expect(plan, name).toMatch(index);
      expect(plan, name).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    };
    inOrder('the overdue list', /SEARCH cases USING INDEX cases_station_work_order \(jurisdiction_code=\? AND work_order<\?\)/);
    inOrder('the county’s overdue list', /SEARCH cases USING INDEX cases_work_order \(work_order<\?\)/);
    inOrder('the next page of the work list', /SEARCH cases USING INDEX cases_station_work_order \(jurisdiction_code=\? AND work_order>\?\)/);
    inOrder('a community of the station (subtree)', /SEARCH cases USING INDEX cases_station_work_order \(jurisdiction_code=\?\)/);
    inOrder('my cases', /SEARCH cases USING INDEX cases_assignee_work_order \(assignee_id=\?\)/);
  });

  it('reads the escalated list by the index that leads with what makes it few', () => {
    expect(plans.get('the escalated list')!.join('\n')).toMatch(/SEARCH cases USING INDEX cases_escalation_status_path \(escalation_level=\? AND status=\? AND jurisdiction_path>\? AND jurisdiction_path<\?\)/);
  });
});
