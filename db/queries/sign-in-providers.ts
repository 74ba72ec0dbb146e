import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Database } from '../client';
import { jurisdictions, signInLinks, signInProviders, signInTrips, users } from '../schema';
import { signsIn, userWithJurisdiction } from './users';

/** The providers people may sign in with now, each with its county's name for the sign-in page. */
export const providersInService = (db: Database) =>
  db
    .select({ id: signInProviders.id, name: signInProviders.name, countyCode: signInProviders.countyCode, countyName: jurisdictions.name })
    .from(signInProviders)
    .innerJoin(jurisdictions, eq(signInProviders.countyCode, jurisdictions.code))
    .where(isNull(signInProviders.disabledAt))
    .orderBy(jurisdictions.code);

export async function findProvider(db: Database, id: string) {
  const [provider] = await db.select().from(signInProviders).where(eq(signInProviders.id, id));
  return provider;
}

export type SignInProvider = typeof signInProviders.$inferSelect;

export async function saveProvider(db: Database, provider: typeof signInProviders.$inferInsert) {
  const { id, ...change } = provider;
  await db.insert(signInProviders).values(provider).onConflictDoUpdate({ target: signInProviders.id, set: change });
}

/** The person an account at the provider is linked to, while they may sign in. */
export async function findLinkedUser(db: Database, providerId: string, subject: string) {
  const [found] = await db
    .select(userWithJurisdiction)
    .from(signInLinks)
    .innerJoin(users, eq(signInLinks.userId, users.id))
    .innerJoin(jurisdictions, eq(users.jurisdictionCode, jurisdictions.code))
    .where(and(eq(signInLinks.providerId, providerId), eq(signInLinks.subject, subject), signsIn));
  return found;
}

export const linksOf = (db: Database, userId: string) =>
  db.select({ providerId: signInLinks.providerId, linkedAt: signInLinks.linkedAt }).from(signInLinks).where(eq(signInLinks.userId, userId));

/** Links the person's account at the provider, replacing an earlier one of theirs there. */
export async function linkAccount(db: Database, link: typeof signInLinks.$inferInsert) {
  await db.batch([
    db.delete(signInLinks).where(and(eq(signInLinks.providerId, link.providerId), eq(signInLinks.userId, link.userId))),
    db.insert(signInLinks).values(link),
  ]);
}

export async function unlinkAccount(db: Database, providerId: string, userId: string) {
  await db.delete(signInLinks).where(and(eq(signInLinks.providerId, providerId), eq(signInLinks.userId, userId)));
}

/** A new trip; trips that ended unanswered leave in the same write. */
export async function insertTrip(db: Database, trip: typeof signInTrips.$inferInsert, now: string) {
  await db.batch([db.delete(signInTrips).where(lt(signInTrips.expiresAt, now)), db.insert(signInTrips).values(trip)]);
}

/** The trip `state` names, taken in the write that reads it, so an answer is used once; none once it has expired. */
export async function takeTrip(db: Database, state: string, now: string) {
  const [trip] = await db.delete(signInTrips).where(and(eq(signInTrips.state, state), gt(signInTrips.expiresAt, now))).returning();
  return trip;
}
