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

/** A user sees what lies inside their own jurisdiction; an admin sees everything. */
export const visiblePathOf = (user: { role: Role; jurisdictionPath: string }) => (user.role === 'admin' ? rootPath : user.jurisdictionPath);

export const canSee = (user: { role: Role; jurisdictionPath: string }, path: string) => isWithin(path, visiblePathOf(user));
