import { describe, expect, it } from 'vitest';
import { seal, unseal } from '../../workers/runtime/sealed';

describe('a secret sealed for D1', () => {
  it('opens with the deployment’s key, reads as nothing like itself, and differs each time it is sealed', async () => {
    const secret = 'a-client-secret-from-the-platform';
    const first = await seal(secret, 'deployment key');
    const second = await seal(secret, 'deployment key');
    expect(first).not.toContain(secret);
    expect(first).not.toBe(second);
    await expect(unseal(first, 'deployment key')).resolves.toBe(secret);
  });

  it('does not open with another deployment’s key, nor once a byte of it was changed', async () => {
    const sealed = await seal('a-client-secret', 'deployment key');
    await expect(unseal(sealed, 'another key')).rejects.toThrow();
    const [iv, data] = sealed.split('.');
    const flipped = `${iv}.${data!.startsWith('A') ? `B${data!.slice(1)}` : `A${data!.slice(1)}`}`;
    await expect(unseal(flipped, 'deployment key')).rejects.toThrow();
  });
});
