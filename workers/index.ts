import { openDatabase } from '../db/client';
import { buildApp } from './app';
import type { Bindings } from './env';
import type { EdgePlatform } from './runtime/platform';
import { r2AttachmentStore } from './runtime/r2-attachment-store';
import { eachMinute } from './sync/each-minute';

/** On Cloudflare the data is the D1 binding of wrangler.toml, and attachments its R2 bucket. */
interface CloudflareBindings extends Bindings {
  DB: D1Database;
  ATTACHMENTS: R2Bucket;
}

const cloudflare: EdgePlatform = {
  database: (env) => openDatabase((env as CloudflareBindings).DB),
  attachments: (env) => r2AttachmentStore((env as CloudflareBindings).ATTACHMENTS),
};

export default {
  fetch: buildApp(cloudflare).fetch,
  scheduled(_controller, env, ctx) {
    for (const work of eachMinute(cloudflare.database(env), env)) ctx.waitUntil(work);
  },
} satisfies ExportedHandler<CloudflareBindings>;
