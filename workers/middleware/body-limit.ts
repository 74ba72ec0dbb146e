import type { Context, MiddlewareHandler } from 'hono';

/** How much of an oversized body sent without a length is read and thrown away so that its answer arrives whole. */
const drainAtMost = 32 * 1024 * 1024;

/**
 * hono's `bodyLimit`, but a body sent in chunks without a length is read to its end before it is refused: a worker
 * that answers while the client is still sending leaves the request half-read, and a proxy in front (wrangler's in
 * development) then answers 503 in place of the 413. Past `drainAtMost` the rest is cancelled.
 */
export function limitBody(maxSize: number, onTooLarge: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const length = c.req.raw.headers.get('content-length');
    if (length !== null && !c.req.raw.headers.has('transfer-encoding')) return Number(length) > maxSize ? onTooLarge(c) : next();

    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size <= maxSize) chunks.push(value);
      else if (size > maxSize + drainAtMost) {
        await reader.cancel();
        break;
      }
    }
    if (size > maxSize) return onTooLarge(c);
    const whole = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      whole.set(chunk, at);
      at += chunk.length;
    }
    c.req.raw = new Request(c.req.raw, { body: whole });
    return next();
  };
}
