import type { Database } from '../../db/client';
import type { Bindings } from '../env';
import type { AttachmentStore } from './attachment-store';

/**
 * What differs between the two places the edge runs, named once: Cloudflare's workerd (workers/index.ts) and a
 * county's own Node processes (server/edge.ts). Everything else — work after the answer (the request's
 * `executionCtx.waitUntil`), the caller limit (`CALLER_LIMIT`), secrets and settings (the bindings) — reaches the
 * app through the same shapes on both, each target filling them its own way.
 */
export interface EdgePlatform {
  /** The database a request reads and writes: D1 on Cloudflare, a SQLite file on a county's servers. */
  database(env: Bindings): Database;
  /** Where attachments' bytes are kept: an R2 bucket on Cloudflare, a directory on a county's servers. */
  attachments(env: Bindings): AttachmentStore;
}
