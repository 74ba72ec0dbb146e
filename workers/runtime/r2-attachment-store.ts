import type { AttachmentStore } from './attachment-store';

/** Attachments in an R2 bucket: the Cloudflare target's store (miniflare's local R2 in development and the tests). */
export const r2AttachmentStore = (bucket: R2Bucket): AttachmentStore => ({
  async put(key, bytes, contentType) {
    await bucket.put(key, bytes, { httpMetadata: { contentType } });
  },
  async get(key) {
    const object = await bucket.get(key);
    if (!object) return undefined;
    return { bytes: new Uint8Array(await object.arrayBuffer()), contentType: object.httpMetadata?.contentType ?? 'application/octet-stream' };
  },
});
