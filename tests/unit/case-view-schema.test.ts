import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { caseViewSchema, type CaseAnswer } from '../../schemas/case-view';
import { intakeSchemas } from '../../schemas/intake';
import { caseViewAsSeenBy, type CaseView } from '../../workers/cases/case-view';
import { expectDocumentedCase } from '../support/case-answers';

/**
 * Where the answer's schema is more precise than the types D1's columns give the view: a timeline entry's detail by
 * its type, the clocks' names, the level, and a split's report row (its column is nullable, but set with the case).
 */
type Narrowed = 'timeline' | 'deadlines' | 'escalationLevel' | 'splitFrom';

describe('the case answer’s schema', () => {
  it('describes exactly the fields the view is built with, each typed as the view types it', () => {
    expectTypeOf<CaseAnswer>().toExtend<CaseView>();
    expectTypeOf<Omit<CaseView, Narrowed>>().toExtend<Omit<CaseAnswer, Narrowed>>();
    expectTypeOf<keyof CaseAnswer>().toEqualTypeOf<keyof CaseView>();
    expectTypeOf<keyof CaseAnswer['where']>().toEqualTypeOf<keyof CaseView['where']>();
    expectTypeOf<keyof CaseAnswer['clocks'][number]>().toEqualTypeOf<keyof CaseView['clocks'][number]>();
    expectTypeOf<keyof CaseAnswer['parties'][number]>().toEqualTypeOf<keyof CaseView['parties'][number]>();
    expectTypeOf<keyof CaseAnswer['timeline'][number]>().toEqualTypeOf<keyof CaseView['timeline'][number]>();
    expectTypeOf<CaseAnswer['timeline'][number]['type']>().toEqualTypeOf<CaseView['timeline'][number]['type']>();
    expectTypeOf<keyof NonNullable<CaseAnswer['splitFrom']>>().toEqualTypeOf<keyof NonNullable<CaseView['splitFrom']>>();
  });

  it('holds for a grid worker’s read, whose numbers are masked where the intake’s own checks would refuse them', () => {
    const filedAt = '2026-11-23T01:30:00.000Z';
    const answer: CaseAnswer = {
      id: 'c1',
      caseNumber: 'XH-ZJ-20261123-0001',
      channel: 'enforcement',
      status: 'queued',
      category: 'neighbour',
      summary: '邻居噪音纠纷，申请人电话 0571 87654321',
      occurredAt: null,
      where: { address: '之江路 1 号', gridCellCode: 'XH-LY-BLQ-01' },
      jurisdictionCode: 'XH-LY',
      riskFlags: [],
      // An incident number of 18 digits reads as an ID number, and is masked as one.
      source: { incidentNumber: 'J330106198001011234' },
      filedBy: 'demo-grid-ly',
      filedAt,
      overdue: false,
      route: null,
      hardCase: false,
      order: null,
      assigneeId: null,
      escalationLevel: 0,
      outcome: null,
      paused: false,
      deadlines: { firstContact: '2026-11-23T15:59:59.999Z' },
      clocks: [{ clock: 'firstContact', startedAt: filedAt, dueAt: '2026-11-23T15:59:59.999Z', warnedAt: null, breachedAt: null, stoppedAt: null, pausedAt: null, provisional: false }],
      parties: [{ name: '张某', role: 'applicant', phone: '13800000001', address: null }],
      timeline: [{ id: 1, workflowSeq: null, type: 'filed', actor: 'demo-grid-ly', reason: null, detail: { channel: 'enforcement' }, at: filedAt }],
      process: null,
      splitFrom: null,
    };
    const masked = caseViewAsSeenBy({ id: 'demo-grid-ly', role: 'grid_worker' }, answer);
    expect(masked.source).toEqual({ incidentNumber: 'J330106********1234' });
    expect(v.safeParse(intakeSchemas.enforcement.entries.source, masked.source).success).toBe(false);
    expectDocumentedCase(masked);
    expect(v.safeParse(caseViewSchema, { ...answer, mergedInto: { caseId: 'c0', caseNumber: 'XH-ZJ-20261122-0001' } }).success).toBe(false);
  });

  it('leaves no part of the answer undescribed in the API document', () => {
    const holes: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${path}/${index}`));
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (!['type', 'enum', 'anyOf', 'oneOf'].some((keyword) => keyword in schema)) holes.push(path);
      for (const keyword of ['items', 'additionalProperties', 'anyOf', 'oneOf']) if (typeof schema[keyword] === 'object') walk(schema[keyword], `${path}/${keyword}`);
      for (const [name, property] of Object.entries((schema.properties as Record<string, unknown>) ?? {})) walk(property, `${path}/${name}`);
    };
    walk(toJsonSchema(caseViewSchema, { target: 'openapi-3.0', errorMode: 'ignore' }), '');
    expect(holes).toEqual([]);
  });
});
