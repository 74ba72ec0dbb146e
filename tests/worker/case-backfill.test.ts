import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, freshIntake, tokenOf } from '../support/stack';

/**
 * Cases as D1 held them before the matching keys (0004) and the search index (0014): written by SQL before the edge
 * starts, with no `address_key`, no parties' `phone_key` and no row in `case_search`. The edge runs in workerd
 * with its local D1, Temporal unreachable; the cron is fired by hand.
 */
let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;
let supervisor: ReturnType<typeof apiAs>;

const filedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
const oldCases = Array.from({ length: 250 }, (_, i) => ({
  id: `old-case-${String(i).padStart(3, '0')}`,
  caseNumber: `XH-LY-20250101-${String(i + 1).padStart(4, '0')}`,
  address: `灵隐街道旧档巷 ${i + 1} 号`,
  party: { name: i === 7 ? '诸葛旧档' : `旧档人${i}`, phone: `+86 139-5555-${String(1000 + i)}` },
}));
const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;
const oldStyleRows = oldCases.flatMap((c) => [
  `INSERT INTO cases (id, case_number, channel, status, category, summary, address, grid_cell_code, jurisdiction_code, jurisdiction_path, risk_flags, channel_details, filed_by, filed_at, filed_day, updated_at)
   VALUES (${quote(c.id)}, ${quote(c.caseNumber)}, 'grid', 'open', 'neighbour', '楼上噪音扰民', ${quote(c.address)}, 'XH-LY-BLQ-01', 'XH-LY', '/XH/XH-LY/XH-LY-BLQ/XH-LY-BLQ-01/', '[]', '{"screenedBy":"王网格员"}', 'demo-grid-ly', ${quote(filedAt)}, '2025-01-01', ${quote(filedAt)});`,
  `INSERT INTO parties (case_id, position, name, role, phone) VALUES (${quote(c.id)}, 0, ${quote(c.party.name)}, 'applicant', ${quote(c.party.phone)});`,
]);

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack((stack) => stack.executeSql('old-cases', oldStyleRows)));
  supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
});
afterAll(async () => stack?.stop());

const finds = async (query: string) =>
  ((await (await supervisor(`/api/cases?q=${encodeURIComponent(query)}&status=all`)).json()) as { rows: { id: string }[] }).rows.map((row) => row.id);

describe('cases filed before keys and the search index existed', () => {
  it('are found by search and matched as repeats once the cron has walked them, a chunk a run, and the walk then stops', async () => {
    const seventh = oldCases[7]!;
    expect(await finds('诸葛旧档')).toEqual([]);
    expect(await finds(seventh.party.phone.slice(-4))).toEqual([]);

    // Each run reindexes a bounded chunk; firing the cron again and again ends the walk, and runs after it change nothing.
    let runs = 0;
    const last = oldCases.at(-1)!;
    while (!(await finds(last.party.name)).includes(last.id)) {
      expect(++runs, 'cron runs before the walk reached the last old case').toBeLessThan(40);
      await stack.drainOutbox();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // 250 cases at 100 a run: more than one run, and not one a case.
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(await finds('诸葛旧档')).toEqual([seventh.id]);
    expect(await finds(seventh.party.phone.slice(-4))).toEqual([seventh.id]);
    expect(await finds(`139****${seventh.party.phone.slice(-4)}`)).toEqual([seventh.id]);
    expect(await finds(seventh.caseNumber)).toEqual([seventh.id]);
    const everyOldCase = async () => (await (await supervisor(`/api/cases?q=${encodeURIComponent('旧档巷')}&status=all&limit=500`)).json()) as { rows: unknown[] };
    expect((await everyOldCase()).rows).toHaveLength(oldCases.length);
    await stack.drainOutbox();
    expect((await everyOldCase()).rows).toHaveLength(oldCases.length);

    // The same phone, another address: the earlier case's phone key now matches it.
    const byPhone = freshIntake('grid');
    byPhone.parties = [{ name: '诸葛先生', role: 'applicant', phone: seventh.party.phone.replaceAll(/\D/g, '').slice(2) }];
    const joined = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(byPhone) });
    expect(joined.status).toBe(200);
    expect(((await joined.json()) as { mergedInto: { caseId: string } }).mergedInto.caseId).toBe(seventh.id);

    // The same address written otherwise, and the same name: the address key matches it.
    const eighth = oldCases[8]!;
    const byAddress = freshIntake('grid');
    byAddress.where.address = eighth.address.replaceAll(' ', '');
    byAddress.parties = [{ name: eighth.party.name, role: 'respondent' }];
    const joinedByAddress = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(byAddress) });
    expect(joinedByAddress.status).toBe(200);
    expect(((await joinedByAddress.json()) as { mergedInto: { caseId: string } }).mergedInto.caseId).toBe(eighth.id);
  });
});
