import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { timing } from 'hono/timing';
import type { AppEnv } from './env';
import { limitBody } from './middleware/body-limit';
import { detectLang } from './middleware/lang';
import { limitEachCaller } from './middleware/rate-limit';
import { securityHeaders } from './middleware/security-headers';
import { provideServices } from './middleware/services';
import type { EdgePlatform } from './runtime/platform';
import { isMachinePath, pageError } from './kit/page-errors';
import { allowedMethods } from './document/allowed-methods';
import { openApiRoutes } from './document/openapi';
import { healthRoutes } from './sync/health';
import { faviconRoutes } from './kit/favicon';
import { internalRoutes } from './sync/internal';
import { intakeApi } from './intake/intake-api';
import { intakePages } from './intake/intake-routes';
import { casePages } from './casework/case-routes';
import { casesApi } from './casework/cases-api';
import { isAttachmentUpload } from './casework/attachments-api';
import { notificationsApi } from './casework/notifications-api';
import { boardPages } from './board/board-routes';
import { bulkDispatchPages } from './casework/bulk-dispatch-routes';
import { mediatorsApi } from './board/mediators-api';
import { statsApi } from './board/stats-api';
import { batchPages } from './batches/batch-routes';
import { batchBodyLimit, batchesApi } from './batches/batches-api';
import { instructionsApi } from './batches/instructions-api';
import { instructionPages } from './batches/instruction-routes';
import { homePages } from './admin/admin-routes';
import { importBodyLimit, importPaths } from './admin/place-routes';
import { auditApi } from './admin/audit-api';
import { countiesApi } from './admin/counties-api';
import { deadLettersApi } from './admin/dead-letters-api';
import { jurisdictionsApi } from './admin/jurisdictions-api';
import { policyApi } from './admin/policy-api';
import { usersApi } from './admin/users-api';
import { sessionPages } from './accounts/session-routes';
import { tokensApi } from './accounts/tokens-api';
import { tokenPages } from './accounts/token-routes';
import { ssoPages } from './accounts/sso-routes';

const publicBodyLimit = limitBody(64 * 1024, (c) => c.json({ error: 'too_large', message: 'The request body is over 64 KiB.' }, 413));
// A report carries the case's columns and progress; once the case has left `open`, its whole state as well.
const internalBodyLimit = limitBody(256 * 1024, (c) => c.json({ error: 'too_large', message: 'The report is over 256 KiB.' }, 413));

const pageCsrf = csrf();

/** The whole edge, pages and API alike, over the platform it runs on. */
export const buildApp = (platform: EdgePlatform) =>
  new Hono<AppEnv>()
  // Each answer says in Server-Timing what its round trips took (the token, the case read, the workflow's update …).
  .use(timing({ totalDescription: 'the whole answer' }))
  .use(securityHeaders)
  .use(detectLang)
  // A method the document does not declare for a path it knows is refused before any guard reads the request.
  .use(async (c, next) => {
    const allowed = allowedMethods(c.req.path);
    if (!allowed || allowed.includes(c.req.method)) return next();
    c.header('allow', allowed.join(', '));
    return c.json({ error: 'method_not_allowed', message: `${c.req.path} takes ${allowed.join(', ')}.` }, 405);
  })
  .use(provideServices(platform))
  .use((c, next) => {
    if (c.req.path.startsWith('/internal/')) return internalBodyLimit(c, next);
    // An attachment's route limits its body itself, by the largest attachment, and answers a larger one in its own way.
    if (isAttachmentUpload(c.req.path)) return next();
    if (importPaths.includes(c.req.path)) return importBodyLimit(c, next);
    return (c.req.path === '/api/batches' || c.req.path === '/batches' || c.req.path === '/batches/confirm' ? batchBodyLimit : publicBodyLimit)(c, next);
  })
  // Once the body's size is known and before a token is looked up: a refused burst costs the edge next to nothing.
  .use(limitEachCaller)
  // Every page form is checked for coming from this site; the API takes bearer tokens only and needs no such check.
  .use((c, next) => (isMachinePath(c.req.path) ? next() : pageCsrf(c, next)))
  .route('/', healthRoutes)
  .route('/', faviconRoutes)
  .route('/api/intake', intakeApi)
  .route('/api/cases', casesApi)
  .route('/api/policy', policyApi)
  .route('/api/notifications', notificationsApi)
  .route('/api/counties', countiesApi)
  .route('/api/jurisdictions', jurisdictionsApi)
  .route('/api/users', usersApi)
  .route('/api/tokens', tokensApi)
  .route('/api/mediators', mediatorsApi)
  .route('/api/stats', statsApi)
  .route('/api/batches', batchesApi)
  .route('/api/instructions', instructionsApi)
  .route('/api/dead-letters', deadLettersApi)
  .route('/api/audit', auditApi)
  .route('/api', openApiRoutes)
  .route('/internal', internalRoutes)
  .route('/', sessionPages)
  .route('/', tokenPages)
  .route('/', ssoPages)
  .route('/', intakePages)
  .route('/', casePages)
  .route('/', homePages)
  .route('/', boardPages)
  .route('/', bulkDispatchPages)
  .route('/', batchPages)
  .route('/', instructionPages)
  .notFound((c) => {
    if (!isMachinePath(c.req.path)) return pageError(c, 404);
    return c.json({ error: 'not_found', message: `Nothing at ${c.req.method} ${new URL(c.req.url).pathname}.` }, 404);
  })
  .onError((error, c) => {
    const page = !isMachinePath(c.req.path);
    if (error instanceof HTTPException) {
      // Only a form meets hono's same-site check; a page merely viewed is never told its form is out of date.
      if (page && error.status === 403) return pageError(c, 403, c.req.method === 'GET' ? undefined : { kind: 'formRefused' });
      if (page && error.status === 404) return pageError(c, 404);
      if (page) return error.getResponse();
      // The validator's own refusals (a body that does not parse) answer as every other API error does: JSON.
      return c.json({ error: error.status === 400 ? 'malformed_json' : 'refused', message: error.message }, error.status);
    }
    console.error(error);
    if (page) return pageError(c, 500);
    return c.json({ error: 'internal', message: 'Something went wrong on our side; nothing was half-written. Try again.' }, 500);
  });

export type App = ReturnType<typeof buildApp>;
