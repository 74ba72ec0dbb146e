import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../schemas/internal-signature';

describe('signed calls to /internal', () => {
  const body = JSON.stringify({ seq: 1 });
  const path = '/internal/cases/abc/events';

  it('accepts what the worker signed', async () => {
    const header = await signRequest('s3cret', 'POST', path, body);
    expect(await verifyRequest('s3cret', header, 'POST', path, body)).toBe(true);
  });

  it('refuses another secret, a changed body, another path, or no signature', async () => {
    const header = await signRequest('s3cret', 'POST', path, body);
    expect(await verifyRequest('other', header, 'POST', path, body)).toBe(false);
    expect(await verifyRequest('s3cret', header, 'POST', path, JSON.stringify({ seq: 2 }))).toBe(false);
    expect(await verifyRequest('s3cret', header, 'POST', '/internal/cases/xyz/events', body)).toBe(false);
    expect(await verifyRequest('s3cret', undefined, 'POST', path, body)).toBe(false);
  });

  it('refuses a signature replayed ten minutes later', async () => {
    const then = Date.now() - 10 * 60_000;
    const header = await signRequest('s3cret', 'POST', path, body, then);
    expect(await verifyRequest('s3cret', header, 'POST', path, body)).toBe(false);
  });
});
