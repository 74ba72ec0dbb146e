import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { SlaPolicy } from '../../schemas/policy';
import { unfinishedStatuses } from '../../schemas/vocabulary';
import type { Database } from '../client';
import { caseWithin } from './jurisdictions';
import { cases, outbox, slaPolicies, users } from '../schema';

export async function latestPublishedPolicy(db: Database) {
  const [row] = await db.select().from(slaPolicies).orderBy(desc(slaPolicies.version)).limit(1);
  return row;
}

/** Every published version, the latest first: who published it and when. */
export async function publishedPolicies(db: Database) {
  return db
    .select({ version: slaPolicies.version, publishedBy: slaPolicies.publishedBy, publisherName: users.name, publishedAt: slaPolicies.publishedAt })
    .from(slaPolicies)
    .leftJoin(users, eq(users.id, slaPolicies.publishedBy))
    .orderBy(desc(slaPolicies.version));
}

/** Every published version with when it was published: which one a case held at a moment is read from them. */
export async function policyVersions(db: Database) {
  return db.select({ policy: slaPolicies.policy, publishedAt: slaPolicies.publishedAt }).from(slaPolicies).orderBy(desc(slaPolicies.version));
}

export async function publishedPolicy(db: Database, version: number) {
  const [row] = await db
    .select({ version: slaPolicies.version, policy: slaPolicies.policy, publishedBy: slaPolicies.publishedBy, publisherName: users.name, publishedAt: slaPolicies.publishedAt })
    .from(slaPolicies)
    .leftJoin(users, eq(users.id, slaPolicies.publishedBy))
    .where(eq(slaPolicies.version, version));
  return row;
}

/**
 * Publishes a policy version and, in the same batch, queues it for every case of the jurisdiction whose workflow
 * may still run: one outbox row each, so a case Temporal cannot reach now still hears of it later.
 */
export async function publishPolicy(db: Database, published: { version: number; policy: SlaPolicy; by: string; at: string; jurisdictionPath: string }) {
  const [, queued] = await db.batch([
    db.insert(slaPolicies).values({ version: published.version, policy: published.policy, publishedBy: published.by, publishedAt: published.at }),
    db
      .insert(outbox)
      .select(
        db
          .select({
            id: sql<number>`null`.as('id'),
            caseId: cases.id,
            kind: sql<'policy_changed'>`'policy_changed'`.as('kind'),
            payload: sql`${JSON.stringify(published.policy)}`.as('payload'),
            attempts: sql<number>`0`.as('attempts'),
            lastError: sql<null>`null`.as('last_error'),
            createdAt: sql<string>`${published.at}`.as('created_at'),
            doneAt: sql<null>`null`.as('done_at'),
            nextAttemptAt: sql<null>`null`.as('next_attempt_at'),
          })
          .from(cases)
          .where(and(inArray(cases.status, unfinishedStatuses), caseWithin(published.jurisdictionPath))),
      )
      .returning({ id: outbox.id }),
  ]);
  return queued.length;
}
