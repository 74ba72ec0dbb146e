import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalsBeforeDeadLetter } from '../../workers/services/outbox-delivery';
import type { Stack } from '../../scripts/stack';
import { apiAs, freshIntake, testStack, tokenOf } from '../support/stack';

/**
 * The outbox drain over the real edge with a real local D1, Temporal unreachable: a case's start finds Temporal away,
 * and a delivery no Temporal could ever take (a policy message that is no policy) is refused. Refusals back off
 * (here by 0 ms, so each drain tries again) and end in the dead letters, which an admin reads and sends again.
 */
let stack: Stack;
let caseId: string;
let badRowId: number;
const admin = () => apiAs(stack, tokenOf(stack, 'demo-admin'));

type DeadLetter = { outboxId: number; kind: string; caseId: string; caseNumber: string; reason: string; attempts: number };
const deadLetters = async () => {
  const response = await admin()('/api/dead-letters');
  expect(response.status).toBe(200);
  return (await response.json()) as DeadLetter[];
};

/** Fires the cron until the bad row is a dead letter; each run refuses it once. */
async function drainUntilDead(): Promise<DeadLetter> {
  for (let run = 0; run < 4 * refusalsBeforeDeadLetter; run++) {
    await stack.drainOutbox();
    const letter = (await deadLetters()).find((row) => row.outboxId === badRowId);
    if (letter) return letter;
  }
  throw new Error(`outbox row ${badRowId} never became a dead letter`);
}

beforeAll(async () => {
  stack = await testStack({ outboxDrainMs: 3_600_000, outboxBackoffMs: 0 });
  await stack.prepareDatabase();
  await stack.startEdge();
  const filed = await apiAs(stack, tokenOf(stack, 'demo-grid-ly'))('/api/intake/grid', { method: 'POST', body: JSON.stringify(freshIntake('grid')) });
  expect(filed.status).toBe(201);
  caseId = ((await filed.json()) as { id: string }).id;
  // After the case's own start row, so a drain that stopped at the first row finding Temporal away would never reach it.
  badRowId = 1_000_000 + Math.floor(Math.random() * 1_000_000);
  await stack.executeSql('bad-outbox-row', [
    `INSERT INTO outbox (id, case_id, kind, payload, attempts, created_at) VALUES (${badRowId}, '${caseId}', 'policy_changed', '{"version":"no policy"}', 0, '2026-01-01T00:00:00.000Z');`,
  ]);
});
afterAll(async () => stack?.stop());

describe('the outbox drain', () => {
  it('moves past a start that finds Temporal away, and makes a dead letter of a row refused again and again', async () => {
    const letter = await drainUntilDead();
    expect(letter).toMatchObject({ outboxId: badRowId, kind: 'policy_changed', caseId, attempts: refusalsBeforeDeadLetter });
    expect(letter.caseNumber).toMatch(/^XH-LY-\d{8}-\d{4}$/);
    expect(letter.reason).not.toBe('');
    // Temporal being away says nothing against the case's start: it stays in the drain, never a dead letter.
    expect((await deadLetters()).filter((row) => row.caseId === caseId).map((row) => row.kind)).toEqual(['policy_changed']);
  });

  it('leaves a dead letter out of the drain until an admin sends it again, and then counts anew', async () => {
    for (let run = 0; run < 3; run++) await stack.drainOutbox();
    expect((await deadLetters()).find((row) => row.outboxId === badRowId)?.attempts).toBe(refusalsBeforeDeadLetter);

    const retried = await admin()(`/api/dead-letters/${badRowId}/retry`, { method: 'POST' });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ outcome: 'refused' });
    expect((await deadLetters()).some((row) => row.outboxId === badRowId)).toBe(false);
    expect((await drainUntilDead()).attempts).toBe(refusalsBeforeDeadLetter);
  });

  it('is an admin’s: a supervisor is refused, and a row that is no dead letter is not found', async () => {
    const supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
    expect((await supervisor('/api/dead-letters')).status).toBe(403);
    expect((await supervisor(`/api/dead-letters/${badRowId}/retry`, { method: 'POST' })).status).toBe(403);
    expect((await admin()('/api/dead-letters/1/retry', { method: 'POST' })).status).toBe(404);
  });
});
