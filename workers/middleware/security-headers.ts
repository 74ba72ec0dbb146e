import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { intakeDraftScript } from '../kit/intake-draft.bundle';
import { printScript } from '../kit/print-script';
import { styles } from '../kit/styles';
import { isMachinePath } from '../kit/page-errors';

const sha256Source = async (text: string) => {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
};

/**
 * The pages run one stylesheet and two scripts (the intake's draft, a printable page's print button), all inline and
 * all the same on every page: each is allowed by its
 * hash and nothing else is, so a text that slipped a tag past the escaping still could not run. Forms post only
 * here, and no other site may frame a page.
 */
let pagePolicy: Promise<string> | undefined;
const pagePolicyOnce = () =>
  (pagePolicy ??= Promise.all([sha256Source(styles), sha256Source(intakeDraftScript), sha256Source(printScript)]).then(([style, script, print]) =>
    [
      "default-src 'none'",
      `style-src ${style}`,
      `script-src ${script} ${print}`,
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  ));
const machinePolicy = "default-src 'none'; frame-ancestors 'none'";

/**
 * Every answer: pages, downloads and JSON. Nothing here is for a shared cache: a page, a ledger or a case holds
 * personal data, so it is never stored on the way. HSTS only where the app is reached over TLS.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const headers = c.res.headers;
  const policy = isMachinePath(c.req.path) ? machinePolicy : await pagePolicyOnce();
  const targets = c.get('formTargets') ?? [];
  // A form that leaves for another site (by a redirect) needs that site in form-action, or the browser stops it.
  headers.set('content-security-policy', targets.length ? policy.replace("form-action 'self'", `form-action 'self' ${targets.join(' ')}`) : policy);
  headers.set('x-frame-options', 'DENY');
  headers.set('x-content-type-options', 'nosniff');
  headers.set('referrer-policy', 'same-origin');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  if (new URL(c.req.url).protocol === 'https:') headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
});
