import type { ProcessEventBody } from '../schemas/case-event';
import type { NotifyAudience } from '../schemas/vocabulary';

/** An event the case's rules produce: its type and detail (checked by schemas/case-event.ts), who, why, who is told. */
export type CaseEventDraft = ProcessEventBody & {
  actor: string;
  reason?: string;
  notify?: NotifyAudience;
  /** With `notify: 'assignee'`: this person rather than whoever holds the case now. */
  notifyUserId?: string;
};

/** A timeline event as the edge keeps it, its detail not yet read: what rules worked out from the timeline take. */
export type TimelineFact = { type: string; detail: unknown; at: string };
