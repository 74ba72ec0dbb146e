import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attachmentDirectory } from '../../server/attachment-directory';
import { photoWithGps } from '../support/photos';

const root = mkdtempSync(join(tmpdir(), 'fengqiao-attachments-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('attachments on a county’s own disk', () => {
  const store = attachmentDirectory(root);

  it('gives back the bytes and type kept under a key, and nothing for a key never written', async () => {
    await store.put('cases/c1/a1', photoWithGps, 'image/jpeg');
    const stored = await store.get('cases/c1/a1');
    expect(stored?.contentType).toBe('image/jpeg');
    expect([...stored!.bytes]).toEqual([...photoWithGps]);
    expect(await store.get('cases/c1/none')).toBeUndefined();
    // Written under a temporary name and renamed: nothing half-written stays beside it.
    expect(readdirSync(join(root, 'cases', 'c1')).sort()).toEqual(['a1', 'a1.type']);
  });

  it('refuses a key that leads out of its directory', async () => {
    await expect(store.put('../outside', photoWithGps, 'image/jpeg')).rejects.toThrow(/leads out of/);
    await expect(store.get('cases/../../etc/passwd')).rejects.toThrow(/leads out of/);
  });
});
