/**
 * Where an attachment's bytes are kept, under a key the database names: an R2 bucket on Cloudflare
 * (workers/runtime/r2-attachment-store.ts), a directory on a county's servers (server/attachment-directory.ts). The
 * database holds what is known of each file (attachments in db/schema.ts); the store only the bytes, so it is never
 * listed.
 */
export interface AttachmentStore {
  /** Keeps the bytes under the key, written whole or not at all. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes and their type, or undefined when nothing is kept under the key. */
  get(key: string): Promise<StoredBytes | undefined>;
}

export interface StoredBytes {
  bytes: Uint8Array;
  contentType: string;
}
