import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { AttachmentStore } from '../workers/runtime/attachment-store';

/**
 * Attachments as files in a directory on the county's own disk (FENGQIAO_ATTACHMENTS_DIR): each under its key, its
 * content type in a file beside it. A file is written under a temporary name and renamed into place, so a reader
 * never finds half of one, and several edge processes may share the directory.
 */
export function attachmentDirectory(root: string): AttachmentStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(base, key);
    // Keys are made by the edge (case ID / attachment ID); one that leads out of the directory is a bug, never a file.
    if (!path.startsWith(base + sep)) throw new Error(`attachment key ${key} leads out of ${base}`);
    return path;
  };
  return {
    async put(key, bytes, contentType) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const partial = `${path}.${process.pid}.${Date.now()}.partial`;
      await writeFile(`${path}.type`, contentType);
      await writeFile(partial, bytes);
      await rename(partial, path);
    },
    async get(key) {
      const path = pathOf(key);
      try {
        const [bytes, contentType] = await Promise.all([readFile(path), readFile(`${path}.type`, 'utf8')]);
        return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
