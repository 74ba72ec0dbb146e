import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { agreementTemplates, agreements, jurisdictions } from '../schema';
import { pathWithin } from './jurisdictions';

/** The case's newest agreement with its number; a case reopened and settled again has a second one. */
export async function findLatestAgreement(db: Database, caseId: string) {
  const [row] = await db.select().from(agreements).where(eq(agreements.caseId, caseId)).orderBy(desc(agreements.workflowSeq)).limit(1);
  return row;
}

export type AgreementRow = NonNullable<Awaited<ReturnType<typeof findLatestAgreement>>>;

const stationWithTemplate = {
  code: jurisdictions.code,
  name: jurisdictions.name,
  path: jurisdictions.path,
  committeeName: agreementTemplates.committeeName,
  sealText: agreementTemplates.sealText,
  numberPrefix: agreementTemplates.numberPrefix,
  updatedAt: agreementTemplates.updatedAt,
};

/** A station's name and the template its admin set, if any. */
export async function findStationTemplate(db: Database, stationCode: string) {
  const [row] = await db
    .select(stationWithTemplate)
    .from(jurisdictions)
    .leftJoin(agreementTemplates, eq(agreementTemplates.stationCode, jurisdictions.code))
    .where(eq(jurisdictions.code, stationCode));
  return row;
}

export type StationTemplateRow = NonNullable<Awaited<ReturnType<typeof findStationTemplate>>>;

/** The stations inside a jurisdiction, each with the template its admin set, if any, by code. */
export function listStationTemplates(db: Database, withinPath: string) {
  return db
    .select(stationWithTemplate)
    .from(jurisdictions)
    .leftJoin(agreementTemplates, eq(agreementTemplates.stationCode, jurisdictions.code))
    .where(and(eq(jurisdictions.level, 'station'), pathWithin(jurisdictions.path, withinPath)))
    .orderBy(jurisdictions.code);
}

export async function saveStationTemplate(
  db: Database,
  stationCode: string,
  template: { committeeName: string; sealText: string; numberPrefix: string },
  by: { userId: string; at: string },
) {
  await db
    .insert(agreementTemplates)
    .values({ stationCode, ...template, updatedBy: by.userId, updatedAt: by.at })
    .onConflictDoUpdate({ target: agreementTemplates.stationCode, set: { ...template, updatedBy: by.userId, updatedAt: by.at } });
}
