import { createClient } from '@libsql/client';

/**
 * The caller limit on a county's servers: what the `CALLER_LIMIT` binding is on Cloudflare, a fixed window per caller,
 * counted in a SQLite file of its own that every edge process on the machine shares, so two processes behind one
 * nginx give a caller the limit once, not twice. A file apart from the cases', so counting never waits on a case's write.
 */
export async function openCallerLimit(path: string, { limit, periodSeconds }: { limit: number; periodSeconds: number }): Promise<RateLimit> {
  const client = createClient({ url: `file:${path}`, concurrency: 1, timeout: 1_000 });
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = OFF');
  await client.execute('CREATE TABLE IF NOT EXISTS caller_hits (caller TEXT NOT NULL, window INTEGER NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (caller, window)) WITHOUT ROWID');
  let lastSwept = 0;
  return {
    async limit({ key }) {
      const window = Math.floor(Date.now() / 1000 / periodSeconds);
      const { rows } = await client.execute({
        sql: 'INSERT INTO caller_hits (caller, window, hits) VALUES (?, ?, 1) ON CONFLICT (caller, window) DO UPDATE SET hits = hits + 1 RETURNING hits',
        args: [key, window],
      });
      if (window !== lastSwept) {
        lastSwept = window;
        await client.execute({ sql: 'DELETE FROM caller_hits WHERE window < ?', args: [window - 1] });
      }
      return { success: Number(rows[0]!.hits) <= limit };
    },
  };
}
