import * as v from 'valibot';
import { freeText } from './text';
import { personNameSchema, userIdSchema } from './users';

/** A jurisdiction's code: letters, digits and hyphens, as grid workers type grid cell codes; never '/', which paths use. */
export const jurisdictionCodePattern = /^[A-Za-z0-9-]{2,40}$/;

const code = v.pipe(v.string(), v.trim(), v.regex(jurisdictionCodePattern, 'jurisdictionCode'));
const name = freeText(1, 100);

/** An admin opens a place below one they manage; its level is the one below the parent's (domain/jurisdiction.ts). */
export const newJurisdictionSchema = v.pipe(
  v.object({ code, name, parentCode: code }),
  v.examples([{ code: 'XH-LY-LJ', name: '龙井村', parentCode: 'XH-LY' }]),
);
export type NewJurisdiction = v.InferOutput<typeof newJurisdictionSchema>;

export const jurisdictionRenameSchema = v.pipe(v.object({ name }), v.examples([{ name: '灵隐街道派出所' }]));

/**
 * A new county and its first admin, opened by the platform's operator: the top of a tree no admin's jurisdiction
 * holds. The admin then opens the stations below and staffs them.
 */
export const newCountySchema = v.pipe(
  v.object({ code, name, admin: v.object({ id: userIdSchema, name: personNameSchema }) }),
  v.examples([{ code: 'YH', name: '余杭分局', admin: { id: 'admin-yh', name: '余杭管理员' } }]),
);
export type NewCounty = v.InferOutput<typeof newCountySchema>;

/** A place moves below another parent of the level its old one had: a community to another station, a grid cell to another community. */
export const jurisdictionMoveSchema = v.pipe(v.object({ parentCode: code }), v.examples([{ parentCode: 'XH-LY-LJ' }]));

/** The rows of a previewed import as the preview page carries them to its confirmation, to be checked again there. */
export const gridRowsSchema = v.pipe(
  v.array(v.object({ line: v.pipe(v.number(), v.integer()), code: v.string(), name: v.string(), parentCode: v.string() })),
  v.maxLength(2000),
);
