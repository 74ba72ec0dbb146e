import * as v from 'valibot';
import { dateTimeSchema } from './intake';
import { durationSchema } from './policy';
import { freeText } from './text';
import { departmentReportOutcomes, departments, riskFlags, roles, routes } from './vocabulary';

const text = (max: number) => freeText(1, max);
const reason = text(500);

/**
 * What each mediator or supervisor step carries. One schema per step serves the route's 422, the workflow
 * update's input type and the API document.
 */
export const stepPayloadSchemas = {
  /** Supervisor dispatches (派单) the case to a mediator; a joint route also names its departments. */
  assign: v.object({
    mediatorId: text(100),
    /** Filled in by the edge from the mediator's record, so the timeline and refusals can name them. */
    mediatorName: v.optional(text(100)),
    lead: v.optional(v.picklist(departments)),
    departments: v.optional(v.pipe(v.array(v.picklist(departments)), v.minLength(1), v.maxLength(departments.length))),
  }),
  /** The mediator takes the case (接单). */
  accept: v.object({}),
  'record-contact': v.object({ note: text(1000) }),
  'schedule-session': v.object({ at: dateTimeSchema, place: text(200) }),
  'record-session': v.object({ summary: text(2000) }),
  /**
   * The agreement (人民调解协议书, People's Mediation Law Art. 29): `terms` is what was agreed; the facts and matters in
   * dispute, each party's responsibility and how and by when it is performed go on the printed agreement. Agreements
   * recorded before these were asked for have `terms` alone.
   */
  'record-agreement': v.object({
    terms: text(4000),
    facts: v.optional(text(4000)),
    responsibilities: v.optional(text(2000)),
    performance: v.optional(text(2000)),
    requestConfirmation: v.optional(v.boolean(), false),
  }),
  /** A court that refuses to confirm an agreement fails the route, with its reason. */
  'record-confirmation': v.pipe(
    v.object({ confirmed: v.boolean(), court: text(200), reason: v.optional(reason) }),
    v.forward(
      v.check((o) => o.confirmed || o.reason !== undefined, 'give the court’s reason for refusing'),
      ['reason'],
    ),
  ),
  /** A department reports back: done, refused (not its matter) or needing more time. */
  'record-department-report': v.pipe(
    v.object({
      department: v.picklist(departments),
      /** Asked every time: a report that says nothing of its outcome must not count as done. */
      outcome: v.picklist(departmentReportOutcomes),
      moreTime: v.optional(durationSchema),
      report: text(2000),
    }),
    v.forward(
      v.check((o) => o.outcome !== 'more_time' || o.moreTime !== undefined, 'say how much more time, such as P3D'),
      ['moreTime'],
    ),
  ),
  'record-failure': v.object({ reason }),
  'request-transfer': v.object({ reason }),
  pause: v.object({ reason }),
  resume: v.object({}),
  'request-extension': v.object({ duration: durationSchema, reason }),
  'decide-extension': v.object({ approve: v.boolean(), reason }),
  'submit-follow-up': v.object({ report: text(2000) }),
  'acknowledge-escalation': v.object({ note: text(1000) }),
  'override-triage': v.pipe(
    v.object({ route: v.optional(v.picklist(routes)), hardCase: v.optional(v.boolean()), reason }),
    v.check((o) => o.route !== undefined || o.hardCase !== undefined, 'name a route, hardness, or both'),
  ),
  'record-return-visit': v.object({ satisfied: v.boolean(), note: text(1000) }),
  /** Closing before the return visits are done needs a reason, which the timeline keeps (domain/lifecycle.ts). */
  close: v.object({ note: v.optional(text(1000)), reason: v.optional(reason) }),
  /** The case leaves without a mediation: each way out names what it needs on the timeline. */
  exit: v.variant('kind', [
    v.object({
      kind: v.literal('not_a_dispute'),
      redirectTo: v.picklist(['emergency', 'other_authority']),
      authority: v.optional(text(100)),
      reason,
    }),
    v.object({ kind: v.literal('referred_to_police'), receivingUnit: text(100), reference: text(100), reason }),
    v.object({ kind: v.literal('withdrawn'), reason }),
    /** The other case's number; this case's report joins it. */
    v.object({ kind: v.literal('duplicate'), duplicateOf: text(40), reason }),
  ]),
  /** A supervisor confirms or dismisses the risks triage read in the report. */
  'review-flags': v.pipe(
    v.object({
      confirm: v.optional(v.array(v.picklist(riskFlags)), []),
      dismiss: v.optional(v.array(v.picklist(riskFlags)), []),
      reason,
    }),
    v.check((o) => o.confirm.length + o.dismiss.length > 0, 'confirm or dismiss at least one flag'),
  ),
} as const;

export type StepName = keyof typeof stepPayloadSchemas;

/** One valid payload per step, for the API document and its test. */
export const stepExamples: { [K in StepName]: v.InferInput<(typeof stepPayloadSchemas)[K]> } = {
  assign: { mediatorId: 'demo-mediator-ly', departments: ['police', 'market'], lead: 'police' },
  accept: {},
  'record-contact': { note: '电话联系双方，约定明天上门' },
  // Far enough ahead to stay a time to come: a session in the past is refused, and the load benchmark posts this one.
  'schedule-session': { at: '2030-11-25T15:00', place: '白乐桥村调解室' },
  'record-session': { summary: '双方同意由店主加装油烟净化器' },
  'record-agreement': {
    facts: '楼下烧烤店油烟直排，楼上住户多次投诉，双方发生争执',
    responsibilities: '烧烤店未安装油烟净化设施，负主要责任',
    terms: '十日内加装净化器，营业至 22 点',
    performance: '烧烤店于十日内自费加装油烟净化器，社区网格员到场查看',
    requestConfirmation: false,
  },
  'record-confirmation': { confirmed: true, court: '西湖区人民法院灵隐共享法庭' },
  'record-department-report': { department: 'market', outcome: 'done', report: '已现场检查，责令整改' },
  'record-failure': { reason: '一方拒绝继续调解' },
  'request-transfer': { reason: '涉及赔偿金额较大，转司法调解' },
  pause: { reason: '申请人外出务工，月底返回' },
  resume: {},
  'request-extension': { duration: 'P7D', reason: '等待鉴定结果' },
  'decide-extension': { approve: true, reason: '鉴定确需时间' },
  'submit-follow-up': { report: '已第二次上门，双方情绪稳定' },
  'acknowledge-escalation': { note: '已安排副所长督办' },
  'override-triage': { route: 'joint', hardCase: true, reason: '涉及多个部门职责' },
  'record-return-visit': { satisfied: true, note: '回访：问题已解决' },
  close: { note: '回访完毕，结案' },
  exit: { kind: 'referred_to_police', receivingUnit: '西湖分局刑侦大队', reference: 'XH-XZ-2026-0412', reason: '涉嫌合同诈骗，移交刑侦' },
  'review-flags': { confirm: ['violence'], dismiss: [], reason: '当事人确曾持刀威胁' },
};
export const stepNames = Object.keys(stepPayloadSchemas) as StepName[];

/**
 * `?onBehalfOfAssignee=1` on a mediator's step: a supervisor records it for the mediator the case is dispatched to,
 * and the timeline says so. Any other caller is refused.
 */
export const onBehalfQuerySchema = v.object({ onBehalfOfAssignee: v.optional(v.picklist(['0', '1'])) });

export const actorSchema = v.object({
  id: v.string(),
  role: v.picklist(roles),
  name: v.string(),
  /** A department user's department. */
  department: v.optional(v.picklist(departments)),
  /** A supervisor recording a mediator's step for the mediator the case is dispatched to, who is away. */
  onBehalfOf: v.optional(v.object({ id: v.string(), name: v.string() })),
});

/** The update a step becomes: who takes it, and its payload. */
export const stepUpdateSchema = v.variant(
  'step',
  stepNames.map((step) => v.object({ step: v.literal(step), actor: actorSchema, payload: stepPayloadSchemas[step] })) as unknown as [
    v.ObjectSchema<{ step: v.LiteralSchema<StepName, undefined>; actor: typeof actorSchema; payload: v.GenericSchema }, undefined>,
  ],
);

export type StepUpdate = {
  [K in StepName]: { step: K; actor: v.InferOutput<typeof actorSchema>; payload: v.InferOutput<(typeof stepPayloadSchemas)[K]> };
}[StepName];
