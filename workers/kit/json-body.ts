import type { Context } from 'hono';

export const notJson = { error: 'unsupported_media_type', message: 'Send the body as application/json.' };

export const isJson = (contentType: string | undefined) => {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || (type?.startsWith('application/') && type.endsWith('+json'));
};

/**
 * A request's JSON body, or the answer that refuses it: 415 when it is not sent as JSON (rather than reading it as
 * empty and listing every field as missing), 400 when it does not parse.
 */
export async function jsonBody(c: Context): Promise<{ ok: true; body: unknown } | { ok: false; refusal: Response }> {
  if (!isJson(c.req.header('content-type'))) {
    return { ok: false, refusal: c.json(notJson, 415) };
  }
  try {
    return { ok: true, body: JSON.parse(await c.req.text()) };
  } catch {
    return { ok: false, refusal: c.json({ error: 'malformed_json', message: 'The body is not valid JSON.' }, 400) };
  }
}
