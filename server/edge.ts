import { serve, type HttpBindings, type Http2Bindings } from '@hono/node-server';
import { Hono } from 'hono';
import { buildApp } from '../workers/app';
import type { AppEnv } from '../workers/env';
import type { EdgePlatform } from '../workers/runtime/platform';
import { eachMinute } from '../workers/sync/each-minute';
import { AfterAnswer } from './after-answer';
import { attachmentDirectory } from './attachment-directory';
import { openCallerLimit } from './caller-limit';
import { openSqliteFile } from './database';
import { edgeMetrics } from './metrics';
import { migrationsBehind } from './migrations';
import { logger, routeConsoleToLog } from './request-log';
import { countyEdgeSettings } from './settings';

/**
 * The edge on a county's own servers: the same app as on Cloudflare, in Node, over a SQLite file. Several such
 * processes may share one file and one caller limit (deploy/README.md).
 */
async function main() {
  routeConsoleToLog();
  const settings = countyEdgeSettings(process.env);
  const { db, client } = await openSqliteFile(settings.databaseFile);
  const behind = await migrationsBehind(db);
  if (behind > 0) {
    throw new Error(`${settings.databaseFile} is ${behind} migration(s) behind this version of Fengqiao; run \`npm run migrate\` first.`);
  }
  const bindings = { ...settings.bindings, CALLER_LIMIT: await openCallerLimit(settings.callerLimitsFile, { limit: settings.callerLimit, periodSeconds: 10 }) };
  const attachments = attachmentDirectory(settings.attachmentsDir);
  const county: EdgePlatform = { database: () => db, attachments: () => attachments };
  const metrics = edgeMetrics(db);
  const app = new Hono<AppEnv>().use(metrics.observe).route('/', buildApp(county));
  const afterAnswer = new AfterAnswer();

  const server = serve({
    hostname: settings.host,
    port: settings.port,
    fetch: async (request: Request, { incoming }: HttpBindings | Http2Bindings) => {
      const url = new URL(request.url);
      if (url.pathname === '/metrics') return metricsAnswer(request, metrics.registry, settings.metricsToken);
      return app.fetch(asTheCallerMadeIt(request, incoming), bindings, afterAnswer.contextForRequest());
    },
  });
  logger.info({ listen: `http://${settings.host}:${settings.port}`, database: settings.databaseFile, attachments: settings.attachmentsDir }, 'edge listening');

  let minuteRunning = false;
  const minute = setInterval(async () => {
    if (minuteRunning) return;
    minuteRunning = true;
    await Promise.allSettled(eachMinute(db, bindings));
    minuteRunning = false;
  }, settings.eachMinuteMs);

  const stop = async (signal: string) => {
    logger.info({ signal }, 'edge stopping');
    clearInterval(minute);
    server.close();
    await afterAnswer.settle(10_000);
    client.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/**
 * The request as the caller made it. The app reads the caller's address where Cloudflare puts it: here the socket's
 * peer, or, behind the county's nginx (FENGQIAO_BEHIND_PROXY=1), the address nginx saw; whatever a caller sent under
 * that name is dropped. Behind nginx the request also arrives as plain HTTP; the scheme nginx answered on
 * (X-Forwarded-Proto) is put back, so cookies are Secure, the single sign-on return address is https and the CSRF check
 * compares like with like.
 */
function asTheCallerMadeIt(request: Request, incoming: (HttpBindings | Http2Bindings)['incoming']): Request {
  const behindProxy = process.env.FENGQIAO_BEHIND_PROXY === '1';
  const headers = new Headers(request.headers);
  const forwardedAddress = behindProxy ? request.headers.get('x-real-ip') : null;
  headers.set('cf-connecting-ip', forwardedAddress ?? incoming.socket.remoteAddress ?? 'unknown');
  const url = new URL(request.url);
  const forwardedScheme = behindProxy ? request.headers.get('x-forwarded-proto') : null;
  if (forwardedScheme === 'https' || forwardedScheme === 'http') url.protocol = `${forwardedScheme}:`;
  return new Request(url, { method: request.method, headers, body: request.body, duplex: 'half' } as RequestInit);
}

async function metricsAnswer(request: Request, registry: ReturnType<typeof edgeMetrics>['registry'], token: string | undefined) {
  if (token && request.headers.get('authorization') !== `Bearer ${token}`) return new Response('metrics need the metrics token\n', { status: 401 });
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
}

main().catch((error) => {
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
