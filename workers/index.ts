import { openDatabase } from '../db/client';
import { buildApp } from './app';
import type { Bindings } from './env';
import type { EdgePlatform } from './runtime/platform';
import { eachMinute } from './sync/each-minute';

/** On Cloudflare the data is the D1 binding of wrangler.toml. */
interface CloudflareBindings extends Bindings {
  DB: D1Database;
}

const cloudflare: EdgePlatform = { database: (env) => openDatabase((env as CloudflareBindings).DB) };

export default {
  fetch: buildApp(cloudflare).fetch,
  scheduled(_controller, env, ctx) {
    for (const work of eachMinute(cloudflare.database(env), env)) ctx.waitUntil(work);
  },
} satisfies ExportedHandler<CloudflareBindings>;
