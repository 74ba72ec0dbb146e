import { jurisdictionLevels, type JurisdictionLevel, type Role } from '../schemas/vocabulary';

/**
 * The jurisdiction tree as paths: the codes from the root down, each followed by '/' ("/XH/XH-LY/XH-LY-BLQ/"),
 * so "inside X" is a prefix test. The tree has fixed levels — county, station, community, grid cell — so the
 * n-th code of a path is its jurisdiction at the n-th level.
 */
export const rootPath = '/';

export const childPath = (parentPath: string, code: string) => `${parentPath}${code}/`;

export const codesOf = (path: string) => path.split('/').filter(Boolean);

export const codeAt = (path: string, level: JurisdictionLevel): string | undefined => codesOf(path)[jurisdictionLevels.indexOf(level)];

/** The station (or township) a place belongs to: case numbers and repeats count per station. */
export const stationCodeOf = (path: string) => codeAt(path, 'station');

export const countyCodeOf = (path: string) => codeAt(path, 'county');

export const levelOfPath = (path: string): JurisdictionLevel | undefined => jurisdictionLevels[codesOf(path).length - 1];

export const isWithin = (path: string, ancestorPath: string) => path.startsWith(ancestorPath);

/** The county's part of a path ("/XH/" of "/XH/XH-LY/"); the root for the root. */
export const countyPathOf = (path: string) => {
  const county = countyCodeOf(path);
  return county ? childPath(rootPath, county) : rootPath;
};

/** The level a child of `level` takes; a grid cell is the bottom of the tree and has none. */
export const levelBelow = (level: JurisdictionLevel): JurisdictionLevel | undefined => jurisdictionLevels[jurisdictionLevels.indexOf(level) + 1];

export const mayHaveChildren = (level: JurisdictionLevel) => levelBelow(level) !== undefined;

/**
 * Where a new jurisdiction sits: one level below its parent, or a county at the top when it has none (opened by
 * the platform's operator, since no admin's jurisdiction holds it).
 * Undefined below a grid cell. The API and the seeding script both place jurisdictions with it.
 */
export function placeBelow(parent: { path: string; level: JurisdictionLevel } | undefined, code: string) {
  const level = parent ? levelBelow(parent.level) : jurisdictionLevels[0];
  if (!level) return undefined;
  return { path: childPath(parent?.path ?? rootPath, code), level };
}

/**
 * A user sees what lies inside their own jurisdiction, an admin included: an admin is their county's, and counties
 * are opened side by side by the platform's operator (POST /api/counties), who reads none of them.
 */
export const visiblePathOf = (user: { role: Role; jurisdictionPath: string }) => user.jurisdictionPath;

export const canSee = (user: { role: Role; jurisdictionPath: string }, path: string) => isWithin(path, visiblePathOf(user));

/** People and places are managed by the admin of their county (or of a station…), and no further. */
export const canManage = (admin: { jurisdictionPath: string }, path: string) => isWithin(path, admin.jurisdictionPath);
