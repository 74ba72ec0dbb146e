import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../../domain/policy';
import { refusalsBeforeDeadLetter } from '../../workers/sync/outbox-delivery';
import type { Stack } from '../../scripts/stack';
import { apiAs, freshIntake, testStack, tokenOf } from '../support/stack';

/**
 * The outbox drain over the real edge with a real local D1, Temporal unreachable: a case's start finds Temporal away,
 * and a delivery no Temporal could ever take (a policy message that is no policy) is refused. Refusals back off
 * (here by 0 ms, so each drain tries again) and end in the dead letters, which an admin reads and sends again.
 * Last, Temporal comes back, and a dead letter of a running case still waits for the admin.
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

describe('a dead letter of a running case', () => {
  type CaseView = { id: string; status: string; timeline: { type: string }[] };
  const gridWorker = () => apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
  const caseView = async (id: string) => (await (await gridWorker()(`/api/cases/${id}`)).json()) as CaseView;
  async function caseUntil(id: string, done: (view: CaseView) => boolean) {
    const deadline = Date.now() + 60_000;
    for (let view = await caseView(id); ; view = await caseView(id)) {
      if (done(view)) return view;
      if (Date.now() > deadline) throw new Error(`case ${id} did not get there: ${JSON.stringify(view)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('waits for an admin: filing the case again under its key does not deliver it behind their back', async () => {
    await stack.startTemporal();
    await stack.startWorker();
    const filing = { method: 'POST', body: JSON.stringify({ ...freshIntake('grid'), riskFlags: [] }), headers: { 'idempotency-key': `dead-${Date.now()}` } };
    const filed = await gridWorker()('/api/intake/grid', filing);
    expect(filed.status).toBe(201);
    const running = await caseUntil(((await filed.json()) as CaseView).id, (view) => view.status === 'open');
    // The station dispatches it to the mediator, whose accept is the step below.
    const dispatched = await apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'))(`/api/cases/${running.id}/steps/assign`, {
      method: 'POST',
      body: JSON.stringify({ mediatorId: 'demo-mediator-ly' }),
    });
    expect(dispatched.status).toBe(200);

    // A newer policy the case's workflow would take, refused often enough to be a dead letter and not backed off.
    const policy = JSON.stringify({ ...defaultSlaPolicy, version: defaultSlaPolicy.version + 1 }).replaceAll("'", "''");
    const at = new Date().toISOString();
    const deadRowId = 2_000_000 + Math.floor(Math.random() * 1_000_000);
    await stack.executeSql('dead-policy-row', [
      `INSERT INTO outbox (id, case_id, kind, payload, attempts, last_error, created_at) VALUES (${deadRowId}, '${running.id}', 'policy_changed', '${policy}', ${refusalsBeforeDeadLetter}, 'refused', '${at}');`,
      `INSERT INTO dead_letters (outbox_id, reason, attempts, dead_at) VALUES (${deadRowId}, 'refused', ${refusalsBeforeDeadLetter}, '${at}');`,
    ]);

    const replayed = await gridWorker()('/api/intake/grid', filing);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    // A step goes through the workflow after anything the replay sent it, and its answer shows what the workflow reported before.
    const accepted = await apiAs(stack, tokenOf(stack, 'demo-mediator-ly'))(`/api/cases/${running.id}/steps/accept`, { method: 'POST', body: '{}' });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as CaseView).timeline.map((event) => event.type)).not.toContain('policy_changed');
    expect((await deadLetters()).some((letter) => letter.outboxId === deadRowId)).toBe(true);

    const retried = await admin()(`/api/dead-letters/${deadRowId}/retry`, { method: 'POST' });
    expect(await retried.json()).toEqual({ outcome: 'started' });
    await caseUntil(running.id, (view) => view.timeline.some((event) => event.type === 'policy_changed'));
  });
});
