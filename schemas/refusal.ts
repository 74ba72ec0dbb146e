import * as v from 'valibot';

/**
 * Why a step is refused, as a code and the values its words name: decided in domain/, carried from the workflow's
 * update validator to the edge as this shape, and worded only by the catalogs (workers/i18n/refusals.ts). Each value
 * has a kind, so a page can say a route, a department or a step in its own words.
 */
export const refusalParamKinds = {
  text: v.string(),
  number: v.number(),
  status: v.string(),
  route: v.string(),
  routeStage: v.string(),
  department: v.string(),
  departments: v.array(v.string()),
  riskFlags: v.array(v.string()),
  step: v.string(),
  /** The mediator holding the case, by name, when the one refusing knows it. */
  holder: v.nullable(v.string()),
  /**
   * A moment, as an instant for a program to act on. The words do not name it: only a page knows the county's
   * offset, and it shows the moment in local time beside them.
   */
  instant: v.string(),
  /** What a file was taken for by its bytes (schemas/attachment.ts): a page says it in its own words. */
  attachmentKind: v.string(),
} as const;
export type RefusalParamKind = keyof typeof refusalParamKinds;

export const refusalCodes = {
  closed: {},
  paused: { reason: 'text' },
  notOpen: { status: 'status' },
  hardNotAcceptedBy: { name: 'text' },
  hardNotDispatched: {},
  departmentsOnJoint: {},
  /** A joint route is worked by its departments: its first dispatch names them. */
  departmentsToDispatch: {},
  leadNamed: {},
  alreadyAccepted: {},
  contactRecorded: {},
  routeFinished: { route: 'route', stage: 'routeStage' },
  alreadyPaused: {},
  notPaused: {},
  extensionWaiting: {},
  noExtension: {},
  followUpHardOnly: {},
  followUpAfterAccept: {},
  noEscalation: {},
  changesNothing: {},
  selfDuplicate: {},
  dismissUnsuggested: { flags: 'riskFlags' },
  closeResolvedOnly: {},
  visitsDue: { done: 'number', due: 'number' },
  /** The command room may close before the return visits are done, saying why. */
  closeEarlyReason: { done: 'number', due: 'number' },
  awaitingCourt: {},
  noSession: {},
  /** A session is held from now on: `when` is the time asked for, in the county's local time. */
  sessionInPast: { when: 'text' },
  agreementAwaitingCourt: {},
  confirmJudicialOnly: {},
  noDepartments: {},
  departmentsWaiting: { departments: 'departments' },
  noConfirmationAsked: {},
  reportsOnJoint: {},
  departmentNotNamed: { department: 'department' },
  departmentReported: { department: 'department' },
  gridWorkers: {},
  departmentOnly: {},
  ownDepartment: { department: 'department' },
  supervisorOnly: { step: 'step' },
  assigneeOnly: { name: 'holder' },
  notDispatchedToYou: {},
  acceptFirst: {},
  onBehalfSupervisorOnly: {},
  mediatorsStep: { name: 'holder' },
  mediatorsStepDispatch: {},
  visitsAfterResolve: {},
  visitsDone: {},
  visitNotDue: { n: 'number', when: 'text', offset: 'text' },
  /** What reached the workflow was not a step at all (a client of its own, an older edge). */
  notAStep: { problems: 'text' },
  /** Feedback on a verification instruction is given once: `at` is when it was. */
  instructionAnswered: { at: 'instant' },
  /** A rejected line of a batch dispatched nothing to answer. */
  instructionRejected: {},
  /** A file sent with nothing in it (a phone that lost it on the way). */
  attachmentEmpty: { name: 'text' },
  /** A file whose bytes are none of the types that may be attached (domain/attachments/file-types.ts). */
  attachmentNotAllowed: { name: 'text' },
  /** A file whose name claims a type that may be attached (`claimed`: PDF, JPEG …) while its bytes are none. */
  attachmentNotWhatItSays: { name: 'text', claimed: 'text' },
  /** Larger than its kind may be: `limit` in MB. */
  attachmentTooLarge: { kind: 'attachmentKind', limit: 'number' },
  /** A request larger than any attachment may be, refused before it is read: `limit` in MB. */
  uploadTooLarge: { limit: 'number' },
} as const satisfies Record<string, Record<string, RefusalParamKind>>;
export type RefusalCode = keyof typeof refusalCodes;

type ValueOf<K extends RefusalParamKind> = v.InferOutput<(typeof refusalParamKinds)[K]>;
export type RefusalParams<C extends RefusalCode> = { [P in keyof (typeof refusalCodes)[C]]: ValueOf<(typeof refusalCodes)[C][P] & RefusalParamKind> };
export type Refusal = { [C in RefusalCode]: { code: C; params: RefusalParams<C> } }[RefusalCode];

/** A refusal of `code`, with exactly the values its words name. */
export const refusal = <C extends RefusalCode>(code: C, ...[params]: keyof RefusalParams<C> extends never ? [] : [RefusalParams<C>]): Refusal =>
  ({ code, params: params ?? {} }) as Refusal;

/** A refusal as it travels (the update's failure, the API's answer): its code, and values of the kinds its code names. */
export const refusalSchema = v.pipe(
  v.object({ code: v.picklist(Object.keys(refusalCodes) as [RefusalCode, ...RefusalCode[]]), params: v.record(v.string(), v.unknown()) }),
  v.check(({ code, params }) =>
    Object.entries(refusalCodes[code] as Record<string, RefusalParamKind>).every(([name, kind]) => v.is(refusalParamKinds[kind], params[name])),
  ),
) as unknown as v.GenericSchema<unknown, Refusal>;
