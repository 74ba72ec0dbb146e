import type { Database } from '../../db/client';
import type { AttachmentStore } from './attachment-store';
import type { WorkflowGateway } from '../sync/gateway';
import type { RefusalBackoff } from '../sync/outbox-delivery';

/** What a service needs from the request it serves: the data and attachments, the way to Temporal, and a way to finish work later. */
export interface EdgeServices {
  db: Database;
  /** Attachments' bytes (the database holds what is known of each). */
  attachments: AttachmentStore;
  gateway: WorkflowGateway;
  /** Work that may finish after the answer has gone (the request's waitUntil). */
  defer: (work: Promise<unknown>) => void;
  /** How long a delivery Temporal refused waits before its next try. */
  refusalBackoff: RefusalBackoff;
  /** The request's ID: the county's edge logs it on every line, and a filing hands it to its workflow. */
  requestId: string;
  /** Runs `work` and adds its time to the answer's Server-Timing header under `name`, so a slow part can be named. */
  timed: <T>(name: TimedPart, work: Promise<T>) => Promise<T>;
}

/** The parts of an answer the Server-Timing header names: each a round trip the edge makes. */
export type TimedPart = 'auth' | 'limit' | 'case' | 'workflow' | 'record' | 'answer' | 'policy' | 'checks' | 'repeat' | 'file' | 'idempotency';

/** For callers with no answer to time: the work alone. */
export const untimed: EdgeServices['timed'] = (_name, work) => work;
