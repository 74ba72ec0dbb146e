import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/temporal-cli';

const migrations = join(projectRoot, 'db', 'migrations');

/** The migrations in order, as `wrangler d1 migrations apply` runs them, each statement on its own; `before` runs ahead of the named one. */
function migrate(db: DatabaseSync, before: Record<string, string[]> = {}) {
  for (const file of readdirSync(migrations).filter((name) => name.endsWith('.sql')).sort()) {
    for (const statement of before[file] ?? []) db.exec(statement);
    for (const statement of readFileSync(join(migrations, file), 'utf8').split('--> statement-breakpoint')) if (statement.trim()) db.exec(statement);
  }
}

describe('the move to personal access tokens (0016)', () => {
  it('keeps each user’s one token working, as a named token of theirs with a year to run', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, {
      '0016_personal_access_tokens.sql': [
        "INSERT INTO jurisdictions (code, name, level, parent_code, path) VALUES ('XH', '西湖分局', 'county', NULL, '/XH/')",
        "INSERT INTO users (id, name, role, jurisdiction_code, token_hash) VALUES ('admin-xh', '管理员', 'admin', 'XH', 'the-sha256-of-their-token')",
      ],
    });
    const [token] = db.prepare('SELECT user_id, name, token_hash, created_by, expires_at, revoked_at FROM api_tokens').all() as Record<string, string | null>[];
    expect(token).toMatchObject({ user_id: 'admin-xh', name: '最初的令牌', token_hash: 'the-sha256-of-their-token', created_by: 'admin-xh', revoked_at: null });
    const daysLeft = (Date.parse(token!.expires_at!) - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(364.9);
    expect(daysLeft).toBeLessThan(365.1);
    expect(db.prepare('PRAGMA table_info(users)').all().map((column) => (column as { name: string }).name)).not.toContain('token_hash');
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });
});
