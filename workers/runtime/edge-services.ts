import type { Database } from '../../db/client';
import type { WorkflowGateway } from '../sync/gateway';
import type { RefusalBackoff } from '../sync/outbox-delivery';

/** What a service needs from the request it serves: the data, the way to Temporal, and a way to finish work later. */
export interface EdgeServices {
  db: Database;
  gateway: WorkflowGateway;
  /** Work that may finish after the answer has gone (the request's waitUntil). */
  defer: (work: Promise<unknown>) => void;
  /** How long a delivery Temporal refused waits before its next try. */
  refusalBackoff: RefusalBackoff;
}
