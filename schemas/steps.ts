import * as v from 'valibot';
import { dateTimeSchema } from './intake';
import { durationSchema } from './policy';
import { departments, roles, routes } from './vocabulary';

const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
const reason = text(500);

/**
 * What each mediator or supervisor step carries. One schema per step serves the route's 422, the workflow
 * update's input type and the API document.
 */
export const stepPayloadSchemas = {
  /** Supervisor dispatches (派单) the case to a mediator; a joint route also names its departments. */
  assign: v.object({
    mediatorId: text(100),
    lead: v.optional(v.picklist(departments)),
    departments: v.optional(v.pipe(v.array(v.picklist(departments)), v.minLength(1), v.maxLength(departments.length))),
  }),
  /** The mediator takes the case (接单). */
  accept: v.object({}),
  'record-contact': v.object({ note: text(1000) }),
  'schedule-session': v.object({ at: dateTimeSchema, place: text(200) }),
  'record-session': v.object({ summary: text(2000) }),
  'record-agreement': v.object({ terms: text(4000), requestConfirmation: v.optional(v.boolean(), false) }),
  'record-confirmation': v.object({ confirmed: v.boolean(), court: text(200) }),
  'record-department-report': v.object({ department: v.picklist(departments), report: text(2000) }),
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
  close: v.object({ note: v.optional(text(1000)) }),
} as const;

export type StepName = keyof typeof stepPayloadSchemas;
export const stepNames = Object.keys(stepPayloadSchemas) as StepName[];

/** Steps only a supervisor (or admin) may take. */
export const supervisorSteps: readonly StepName[] = ['assign', 'decide-extension', 'acknowledge-escalation', 'override-triage'];

export const actorSchema = v.object({ id: v.string(), role: v.picklist(roles), name: v.string() });

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
