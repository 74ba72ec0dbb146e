import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { timelineEventTypes } from '../schemas/case-event';
import type { CaseProgress, CaseState } from '../schemas/case-state';
import type { Intake } from '../schemas/intake';
import { outboxKinds, type OutboxMessageInput } from '../schemas/outbox';
import type { SlaPolicy } from '../schemas/policy';
import { caseReadVias, changeActions, changeTargets, signInResults, signInWays, type ChangeDetail } from '../schemas/audit';
import { batchReportTypes } from '../schemas/batch-workflow';
import type { FieldError } from '../schemas/field-error';
import { attachmentKinds } from '../schemas/attachment';
import type { ListedClock, ListedParty } from '../schemas/case-list';
import {
  batchStatuses,
  caseOutcomes,
  caseStatuses,
  categories,
  channels,
  clockNames,
  departments,
  instructionKinds,
  instructionStatuses,
  jurisdictionLevels,
  notifyAudiences,
  orderStages,
  partyRoles,
  roles,
  routes,
  type RiskFlag,
} from '../schemas/vocabulary';

/** The jurisdiction tree: county bureau → station or township → community or village → grid cell. */
export const jurisdictions = sqliteTable('jurisdictions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  level: text('level', { enum: jurisdictionLevels }).notNull(),
  parentCode: text('parent_code'),
  /** Codes from the root down, each followed by '/', so "inside X" is a prefix match. */
  path: text('path').notNull().unique(),
  /** When the place was retired: it takes no new filings, users or places below, and keeps its old cases. */
  retiredAt: text('retired_at'),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: roles }).notNull(),
  /** For a department user: the department whose tasks they answer. */
  department: text('department', { enum: departments }),
  jurisdictionCode: text('jurisdiction_code').notNull().references(() => jurisdictions.code),
  /** A mobile number the user may sign in with instead of their ID. */
  phone: text('phone').unique(),
  /** The password's scrypt hash in PHC form (workers/runtime/passwords.ts); none until the user sets one. */
  passwordHash: text('password_hash'),
  /** A one-time code's hash, from the admin: it signs in once, to set a password, until it expires. */
  oneTimeCodeHash: text('one_time_code_hash'),
  oneTimeCodeExpiresAt: text('one_time_code_expires_at'),
  /** Wrong passwords in a row; a sign-in resets it (domain/sign-in-backoff.ts). */
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lastFailedSignInAt: text('last_failed_sign_in_at'),
  /** Locked after too many wrong passwords, until an admin unlocks the account. */
  lockedAt: text('locked_at'),
  /** A disabled user's tokens and sessions no longer sign anyone in; the user stays on the timelines they wrote. */
  disabledAt: text('disabled_at'),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/**
 * Personal access tokens: a program signs in as the user with one. Each has a name and an end; D1 keeps its SHA-256
 * only, the token itself is answered once when it is made.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references((): AnySQLiteColumn => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The user themself, or the admin who made it for an integration. */
    createdBy: text('created_by')
      .notNull()
      .references((): AnySQLiteColumn => users.id),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    expiresAt: text('expires_at').notNull(),
    /** Refreshed at most once a minute, so a busy program does not write on every call. */
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (table) => [index('api_tokens_user').on(table.userId)],
);

/**
 * A county's own identity provider (OpenID Connect), set up by the county's admin: its people may sign in there
 * instead of with a password, once each has linked their account. The client secret is kept sealed with the
 * deployment's key (workers/runtime/sealed.ts), never answered.
 */
export const signInProviders = sqliteTable('sign_in_providers', {
  id: text('id').primaryKey(),
  countyCode: text('county_code')
    .notNull()
    .references((): AnySQLiteColumn => jurisdictions.code),
  /** What the sign-in button says: "浙政钉", "政务服务网". */
  name: text('name').notNull(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretSealed: text('client_secret_sealed').notNull(),
  updatedBy: text('updated_by')
    .notNull()
    .references((): AnySQLiteColumn => users.id),
  updatedAt: text('updated_at').notNull(),
  disabledAt: text('disabled_at'),
});

/** A person's account at a provider, by the provider's subject: one account each way. */
export const signInLinks = sqliteTable(
  'sign_in_links',
  {
    providerId: text('provider_id')
      .notNull()
      .references((): AnySQLiteColumn => signInProviders.id),
    subject: text('subject').notNull(),
    userId: text('user_id')
      .notNull()
      .references((): AnySQLiteColumn => users.id),
    linkedAt: text('linked_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.providerId, table.subject] }), uniqueIndex('sign_in_links_user').on(table.providerId, table.userId)],
);

/**
 * A trip to the provider under way: the state that comes back with the answer, the PKCE verifier and the nonce that
 * prove it is this trip's. Taken (deleted) when the answer comes back; good for ten minutes.
 */
export const signInTrips = sqliteTable('sign_in_trips', {
  state: text('state').primaryKey(),
  providerId: text('provider_id').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  /** Signing in, or linking the signed-in person's account. */
  purpose: text('purpose', { enum: ['sign_in', 'link'] }).notNull(),
  userId: text('user_id'),
  next: text('next'),
  expiresAt: text('expires_at').notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    /** The absolute end: a session lasts no longer than this however busy it is. */
    expiresAt: text('expires_at').notNull(),
    /** The idle end is counted from here; refreshed as the session is used. */
    lastSeenAt: text('last_seen_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    /** A session begun with a one-time code may only set the password. */
    purpose: text('purpose', { enum: ['work', 'set_password'] }).notNull().default('work'),
  },
  (table) => [index('sessions_user').on(table.userId)],
);

/**
 * Sign-in attempts still counted against whoever made them: written before the token is checked, so a burst in
 * parallel is counted as it arrives, and taken back when the attempt signs someone in. `key` is `ip:<address>`.
 */
export const signInAttempts = sqliteTable(
  'sign_in_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: text('at').notNull(),
  },
  (table) => [index('sign_in_attempts_key_at').on(table.key, table.at)],
);

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    caseNumber: text('case_number').notNull().unique(),
    channel: text('channel', { enum: channels }).notNull(),
    status: text('status', { enum: caseStatuses }).notNull(),
    category: text('category', { enum: categories }).notNull(),
    summary: text('summary').notNull(),
    occurredAt: text('occurred_at'),
    address: text('address').notNull(),
    /** The address as repeats are matched: full-width folded, spaces dropped, 號 read as 号. */
    addressKey: text('address_key'),
    gridCellCode: text('grid_cell_code').notNull().references(() => jurisdictions.code),
    /** The station the case belongs to; case numbers count per station and local day. */
    jurisdictionCode: text('jurisdiction_code').notNull().references(() => jurisdictions.code),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    riskFlags: text('risk_flags', { mode: 'json' }).$type<RiskFlag[]>().notNull(),
    channelDetails: text('channel_details', { mode: 'json' }).$type<Intake['source']>().notNull(),
    filedBy: text('filed_by').notNull().references(() => users.id),
    filedAt: text('filed_at').notNull(),
    filedDay: text('filed_day').notNull(),
    overdue: integer('overdue', { mode: 'boolean' }).notNull().default(false),
    workflowRunId: text('workflow_run_id'),
    // What the workflow last reported; the sequence number keeps a late report from overwriting a newer one.
    route: text('route', { enum: routes }),
    hardCase: integer('hard_case', { mode: 'boolean' }).notNull().default(false),
    orderStage: text('order_stage', { enum: orderStages }),
    assigneeId: text('assignee_id'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** How the case ended its work, once it has: agreement, litigation, or one of the exits. */
    outcome: text('outcome', { enum: caseOutcomes }),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    projectedSeq: integer('projected_seq').notNull().default(0),
    /** Route progress, routes left, return visits: what a reader needs beyond the columns. */
    progress: text('process_state', { mode: 'json' }).$type<CaseProgress>(),
    /** The whole workflow state once the case has left `open`: what a repeat reopens a finished case from. */
    resumeState: text('resume_state', { mode: 'json' }).$type<CaseState>(),
    /** For a report wrongly merged into another case and split out: that case, and its `repeat_report` timeline row. */
    splitFrom: text('split_from').references((): AnySQLiteColumn => cases.id),
    splitFromReport: integer('split_from_report').references((): AnySQLiteColumn => timelineEvents.id),
    updatedAt: text('updated_at').notNull(),
    // What the work lists show beside the case, copied from its clocks, parties and assignee by every write that changes
    // them (db/queries/case-listing.ts): a page of the list then reads one row a case, in the order of an index.
    /** The first breach among the open clocks. */
    overdueSince: text('overdue_since'),
    /** The nearest due time among the open clocks. */
    nextDueAt: text('next_due_at'),
    openClocks: text('open_clocks', { mode: 'json' }).$type<ListedClock[]>().notNull().default(sql`'[]'`),
    partyList: text('party_list', { mode: 'json' }).$type<ListedParty[]>().notNull().default(sql`'[]'`),
    assigneeName: text('assignee_name'),
    /**
     * The work list's order as one string: overdue first ('0'), the first breach, the nearest due time ('~', after every
     * time, when there is none), filed at, id. ISO times are all one width, so the string sorts as the tuple would.
     */
    workOrder: text('work_order').generatedAlwaysAs(
      sql`(case when overdue then '0' else '1' end) || '|' || coalesce(overdue_since, '~') || '|' || coalesce(next_due_at, '~') || '|' || filed_at || '|' || id`,
      { mode: 'virtual' },
    ),
    /** The nearest-deadline order: the nearest due time ('~' when none), filed at, id. */
    dueOrder: text('due_order').generatedAlwaysAs(sql`coalesce(next_due_at, '~') || '|' || filed_at || '|' || id`, { mode: 'virtual' }),
  },
  (table) => [
    index('cases_jurisdiction_day').on(table.jurisdictionCode, table.filedDay),
    index('cases_jurisdiction_path').on(table.jurisdictionPath),
    // The work lists in their order: the county's, a station's, a mediator's (db/queries/case-lists.ts, `driverOf`).
    index('cases_work_order').on(table.workOrder),
    index('cases_station_work_order').on(table.jurisdictionCode, table.workOrder),
    index('cases_assignee_work_order').on(table.assigneeId, table.workOrder),
    index('cases_address_key').on(table.jurisdictionCode, table.addressKey),
    // The daily lists (GET /api/cases): a subtree's cases by status; the overdue and the escalated among them, the few
    // a station looks at first, each by an index that leads with what makes them few.
    index('cases_status_path').on(table.status, table.jurisdictionPath),
    index('cases_overdue_status_path').on(table.overdue, table.status, table.jurisdictionPath),
    index('cases_escalation_status_path').on(table.escalationLevel, table.status, table.jurisdictionPath),
    // A report is split out once, even when two supervisors try at the same moment.
    uniqueIndex('cases_split_from_report').on(table.splitFromReport),
  ],
);

export const parties = sqliteTable(
  'parties',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: partyRoles }).notNull(),
    phone: text('phone'),
    /** The phone as repeats are matched: digits only, without the country code. */
    phoneKey: text('phone_key'),
    address: text('address'),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.position] }), index('parties_phone_key').on(table.phoneKey)],
);

/** Who did what, why and when. Events projected from the workflow carry its sequence number, so a retry writes once. */
export const timelineEvents = sqliteTable(
  'timeline_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id').notNull().references(() => cases.id),
    workflowSeq: integer('workflow_seq'),
    type: text('type', { enum: timelineEventTypes }).notNull(),
    actor: text('actor').notNull(),
    reason: text('reason'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    at: text('at').notNull(),
  },
  (table) => [
    index('timeline_case').on(table.caseId, table.id),
    uniqueIndex('timeline_case_workflow_seq').on(table.caseId, table.workflowSeq),
  ],
);

/** One row per running clock of a case, written when it is planned and when it warns or breaches. */
export const caseClocks = sqliteTable(
  'case_clocks',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    clock: text('clock', { enum: clockNames }).notNull(),
    startedAt: text('started_at').notNull(),
    dueAt: text('due_at').notNull(),
    warnedAt: text('warned_at'),
    breachedAt: text('breached_at'),
    stoppedAt: text('stopped_at'),
    pausedAt: text('paused_at'),
    /** The due time counts a day of a year whose holiday notice is not out yet: it may move when the notice is. */
    provisional: integer('provisional', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.clock] }), index('clocks_due').on(table.dueAt)],
);

/** Published SLA policy versions; the newest is in force for new cases and is sent to running ones. */
export const slaPolicies = sqliteTable('sla_policies', {
  version: integer('version').primaryKey(),
  policy: text('policy', { mode: 'json' }).$type<SlaPolicy>().notNull(),
  publishedBy: text('published_by').notNull().references(() => users.id),
  publishedAt: text('published_at').notNull(),
});

/** Who must hear of a warning, breach or escalation, written the moment it happens. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id').notNull().references(() => cases.id),
    workflowSeq: integer('workflow_seq').notNull(),
    kind: text('kind', { enum: timelineEventTypes }).notNull(),
    audience: text('audience', { enum: notifyAudiences }).notNull(),
    /** The user (for the assignee) or jurisdiction (station, county) it is addressed to. */
    recipient: text('recipient').notNull(),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
  },
  (table) => [index('notifications_recipient').on(table.recipient, table.readAt)],
);

/** What must happen after a write (a workflow start, a repeat report for a running case), retried by the cron until Temporal takes it. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The case a row serves; null for a batch's row, whose payload names its batch. */
    caseId: text('case_id').references(() => cases.id),
    kind: text('kind', { enum: outboxKinds }).notNull(),
    /** Checked against schemas/outbox.ts by kind when it is delivered. */
    payload: text('payload', { mode: 'json' }).$type<OutboxMessageInput['payload']>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    doneAt: text('done_at'),
    /** After a refusal, when to try again: refusals back off, so a row Temporal keeps refusing does not crowd the rest. */
    nextAttemptAt: text('next_attempt_at'),
  },
  (table) => [index('outbox_pending').on(table.doneAt, table.id)],
);

/**
 * How far the reindexing walk over older cases has come, for each version of the search terms: it goes oldest first
 * (by rowid, the order cases were written in) up to the newest case there was when it began; later cases were indexed
 * by the intake that filed them.
 */
export const reindexWalks = sqliteTable('reindex_walks', {
  termsVersion: integer('terms_version').primaryKey(),
  endCaseId: text('end_case_id').notNull(),
  /** The last case reindexed; none before the first chunk. */
  walkedCaseId: text('walked_case_id'),
  beganAt: text('began_at').notNull(),
});

/**
 * Outbox rows refused for good, each with the last reason, out of the drain until an admin sends them again. The
 * row itself stays in the outbox: a case's start input is read from it when a repeat reopens the case.
 */
export const deadLetters = sqliteTable('dead_letters', {
  outboxId: integer('outbox_id')
    .primaryKey()
    .references(() => outbox.id),
  reason: text('reason').notNull(),
  attempts: integer('attempts').notNull(),
  deadAt: text('dead_at').notNull(),
});

/**
 * Evidence attached to a case (a photo from the scene, a signed agreement scanned, a recording): what is known of each
 * file, its bytes kept in the platform's attachment store under `store_key` (workers/runtime/attachment-store.ts).
 * `kind` and `content_type` are what its bytes are, not what its name said; `sha256` is of the bytes as stored, the
 * original with its location data.
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind', { enum: attachmentKinds }).notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    attachedBy: text('attached_by')
      .notNull()
      .references(() => users.id),
    attachedAt: text('attached_at').notNull(),
    storeKey: text('store_key').notNull(),
  },
  (table) => [index('attachments_case').on(table.caseId, table.attachedAt)],
);

/**
 * Every read of a whole case by a supervisor or an admin, who read across a station or a county and not only the
 * cases they work: who, which case, when, and through what. The case's jurisdiction is kept with the read, so an
 * admin's list of the reads in their jurisdiction reads this table alone. An attachment's download is such a read,
 * naming the attachment.
 */
export const caseReads = sqliteTable('case_reads', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  caseId: text('case_id')
    .notNull()
    .references(() => cases.id),
  readerId: text('reader_id')
    .notNull()
    .references(() => users.id),
  via: text('via', { enum: caseReadVias }).notNull(),
  readAt: text('read_at').notNull(),
  jurisdictionPath: text('jurisdiction_path').notNull(),
  attachmentId: text('attachment_id').references((): AnySQLiteColumn => attachments.id),
});

/**
 * Every try at signing in, right or wrong, recorded once the answer has gone. `login` is the name as typed (cut to 64
 * characters), so an admin can see a name being guessed at; a password, code or token is never written here.
 * `user_id` is the account the name or token belongs to, when there is one.
 */
export const signInEvents = sqliteTable(
  'sign_in_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: text('user_id').references((): AnySQLiteColumn => users.id),
    login: text('login').notNull(),
    way: text('way', { enum: signInWays }).notNull(),
    outcome: text('outcome', { enum: signInResults }).notNull(),
    /** The address the try came from (cf-connecting-ip). */
    address: text('address').notNull(),
  },
  (table) => [index('sign_in_events_user').on(table.userId)],
);

/**
 * What an admin changed (and what a person changed of their own tokens): who, when, what, on what, with a small
 * detail of names and codes. Written right after the change itself.
 */
export const adminChanges = sqliteTable(
  'admin_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    doneBy: text('done_by')
      .notNull()
      .references((): AnySQLiteColumn => users.id),
    action: text('action', { enum: changeActions }).notNull(),
    targetKind: text('target_kind', { enum: changeTargets }).notNull(),
    targetId: text('target_id').notNull(),
    detail: text('detail', { mode: 'json' }).$type<ChangeDetail>().notNull(),
  },
  (table) => [index('admin_changes_done_by').on(table.doneBy)],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull().references(() => users.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    caseId: text('case_id').notNull().references(() => cases.id),
    createdAt: text('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] })],
);

export type JurisdictionRow = typeof jurisdictions.$inferSelect;

/* The search index of a case is an FTS5 table drizzle-kit does not manage: db/search-table.ts. */

/** A county's batch of verification instructions (核查指令); its ID is the client's, so a re-sent batch is found. */
export const batches = sqliteTable(
  'batches',
  {
    id: text('id').primaryKey(),
    title: text('title'),
    status: text('status', { enum: batchStatuses }).notNull(),
    /** Tells a re-sent batch from a different one under an ID already used. */
    requestHash: text('request_hash').notNull(),
    feedbackWithin: text('feedback_within').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
    jurisdictionCode: text('jurisdiction_code').notNull().references(() => jurisdictions.code),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [index('batches_jurisdiction_path').on(table.jurisdictionPath)],
);

/** One line of a batch: an instruction with its feedback clock, a dispute filed as a case, or a line refused. */
export const instructions = sqliteTable(
  'instructions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: text('batch_id').notNull().references(() => batches.id),
    line: integer('line').notNull(),
    /** Null for a line whose kind could not be read. */
    kind: text('kind', { enum: instructionKinds }),
    assigneeId: text('assignee_id').references(() => users.id),
    /** The line as it was sent (a dispute line's intake, a rejected line's fields). */
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: instructionStatuses }).notNull(),
    dueAt: text('due_at'),
    overdueAt: text('overdue_at'),
    feedbackAt: text('feedback_at'),
    feedback: text('feedback'),
    caseId: text('case_id').references(() => cases.id),
    /** A rejected line's errors, one per field. */
    error: text('error', { mode: 'json' }).$type<FieldError[]>(),
  },
  (table) => [uniqueIndex('instructions_batch_line').on(table.batchId, table.line), index('instructions_assignee').on(table.assigneeId, table.status)],
);

/** What a batch's workflow reported, keyed by (batch, seq) so a retried report writes once. */
export const batchEvents = sqliteTable(
  'batch_events',
  {
    batchId: text('batch_id').notNull().references(() => batches.id),
    seq: integer('seq').notNull(),
    type: text('type', { enum: batchReportTypes }).notNull(),
    at: text('at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.batchId, table.seq] })],
);

/**
 * The mediation agreements (人民调解协议书) recorded on cases, each numbered per committee and year: the committee is
 * the case's station, the year the county's local year of the report that recorded it. The number is counted inside
 * the batch that projects the report (db/queries/projection.ts), so no two agreements share one and none is skipped;
 * a retried report is rolled back by its timeline row before it counts again. What the agreement says is the step's
 * detail on the timeline row (case, seq).
 */
export const agreements = sqliteTable(
  'agreements',
  {
    caseId: text('case_id')
      .notNull()
      .references((): AnySQLiteColumn => cases.id),
    workflowSeq: integer('workflow_seq').notNull(),
    committeeCode: text('committee_code')
      .notNull()
      .references((): AnySQLiteColumn => jurisdictions.code),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.caseId, table.workflowSeq] }),
    uniqueIndex('agreements_committee_year_number').on(table.committeeCode, table.year, table.number),
  ],
);

/**
 * How a station's mediation committee names itself on its agreements: its name, the words of its seal and the
 * prefix of its numbers ("灵人调" of "（2026）灵人调字第 12 号"). A station without a row takes defaults from its name.
 */
export const agreementTemplates = sqliteTable('agreement_templates', {
  stationCode: text('station_code')
    .primaryKey()
    .references((): AnySQLiteColumn => jurisdictions.code),
  committeeName: text('committee_name').notNull(),
  sealText: text('seal_text').notNull(),
  numberPrefix: text('number_prefix').notNull(),
  updatedBy: text('updated_by')
    .notNull()
    .references((): AnySQLiteColumn => users.id),
  updatedAt: text('updated_at').notNull(),
});
