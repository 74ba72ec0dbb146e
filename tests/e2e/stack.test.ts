import { Client, Connection } from '@temporalio/client';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeSchemas } from '../../schemas/intake';
import { defaultSlaPolicy, type SlaPolicy } from '../../schemas/policy';
import { channels } from '../../schemas/vocabulary';
import type { Stack } from '../../scripts/stack';
import { apiAs, testStack, tokenOf } from '../support/stack';

/** The system as `npm start` runs it — Temporal dev server, workerd with local D1, the case worker — on a clock of seconds. */
const secondsPolicy: SlaPolicy = { ...defaultSlaPolicy, warnAtShare: 0.5, firstContact: { rule: 'within', duration: 'PT4S' } };

let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;
let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  stack = await testStack({ slaPolicy: secondsPolicy });
  await stack.start();
  gridWorker = apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
  connection = await Connection.connect({ address: stack.temporalAddress });
  temporal = new Client({ connection });
});

afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

type CaseView = { id: string; status: string; overdue: boolean; timeline: { type: string; workflowSeq: number | null }[] };

const fileCase = async (channel: (typeof channels)[number]) => {
  const response = await gridWorker(`/api/intake/${channel}`, { method: 'POST', body: JSON.stringify(v.getExamples(intakeSchemas[channel])[0]) });
  expect(response.status).toBe(201);
  return (await response.json()) as CaseView;
};

async function caseUntil(id: string, done: (view: CaseView) => boolean, timeoutMs = 60_000): Promise<CaseView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await (await gridWorker(`/api/cases/${id}`)).json()) as CaseView;
    if (done(view)) return view;
    if (Date.now() > deadline) throw new Error(`case ${id} did not get there in ${timeoutMs} ms: ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the whole stack', () => {
  it('runs a workflow for a case from every channel, and the first-contact breach lands in D1', async () => {
    const filed = await Promise.all(channels.map(fileCase));
    for (const view of filed) {
      expect(view.status).toBe('open');
      const description = await temporal.workflow.getHandle(view.id).describe();
      expect(description.type).toBe('disputeCase');
      expect(description.status.name).toBe('RUNNING');
    }
    for (const view of filed) {
      const overdue = await caseUntil(view.id, (c) => c.overdue);
      const reported = await caseUntil(view.id, (c) => c.timeline.some((e) => e.type === 'escalated'));
      expect(reported.timeline.filter((e) => e.workflowSeq !== null).map((e) => [e.workflowSeq, e.type])).toEqual([
        [1, 'triaged'],
        [2, 'clock_warning'],
        [3, 'clock_breached'],
        [4, 'escalated'],
      ]);
      expect(overdue.overdue).toBe(true);
    }
    expect((await fetch(`${stack.edgeUrl}/healthz`)).status).toBe(200);
  });

  it('takes a case while Temporal is down and starts it once Temporal is back: nothing is lost', async () => {
    await stack.stopTemporal();
    const queued = await fileCase('community');
    expect(queued.status).toBe('queued');
    expect((await fetch(`${stack.edgeUrl}/healthz`)).status).toBe(503);

    await stack.startTemporal();
    const started = await caseUntil(queued.id, (c) => c.status === 'open');
    expect(started.status).toBe('open');
    expect((await temporal.workflow.getHandle(queued.id).describe()).status.name).toBe('RUNNING');
    // The worker kept going through the outage: the restarted case's clock still runs out and is reported.
    await caseUntil(queued.id, (c) => c.overdue);
  });
});
