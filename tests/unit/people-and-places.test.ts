import { describe, expect, it } from 'vitest';
import { canManage, countyPathOf, placeBelow } from '../../domain/jurisdiction';
import { changedUser, departmentIssue, refuseOwnAccount } from '../../domain/people';
import { mayBeAssigned, mayBeAssignedWithin } from '../../domain/permissions';
import type { Department, Role } from '../../schemas/vocabulary';

describe('places', () => {
  it('puts a child one level below its parent, a county at the top, and nothing below a grid cell', () => {
    expect(placeBelow(undefined, 'XH')).toEqual({ path: '/XH/', level: 'county' });
    expect(placeBelow({ path: '/XH/', level: 'county' }, 'XH-LY')).toEqual({ path: '/XH/XH-LY/', level: 'station' });
    expect(placeBelow({ path: '/XH/XH-LY/', level: 'station' }, 'XH-LY-BLQ')).toEqual({ path: '/XH/XH-LY/XH-LY-BLQ/', level: 'community' });
    expect(placeBelow({ path: '/XH/XH-LY/XH-LY-BLQ/', level: 'community' }, 'XH-LY-BLQ-01')?.level).toBe('grid');
    expect(placeBelow({ path: '/XH/XH-LY/XH-LY-BLQ/XH-LY-BLQ-01/', level: 'grid' }, 'X')).toBeUndefined();
  });

  it('lets an admin manage their own jurisdiction and below, not a neighbour’s whose code begins the same', () => {
    const admin = { jurisdictionPath: '/XH/XH-LY/' };
    expect(canManage(admin, '/XH/XH-LY/')).toBe(true);
    expect(canManage(admin, '/XH/XH-LY/XH-LY-BLQ/')).toBe(true);
    expect(canManage(admin, '/XH/')).toBe(false);
    expect(canManage(admin, '/XH/XH-LY2/')).toBe(false);
    expect(countyPathOf('/XH/XH-LY/XH-LY-BLQ/')).toBe('/XH/');
    expect(countyPathOf('/')).toBe('/');
  });
});

describe('people', () => {
  it('needs a department for a liaison and refuses one for anyone else', () => {
    expect(departmentIssue({ role: 'department', department: null })).toBe('departmentRequired');
    expect(departmentIssue({ role: 'mediator', department: 'police' })).toBe('departmentRefused');
    expect(departmentIssue({ role: 'department', department: 'market' })).toBeUndefined();
  });

  it('drops the department of a liaison given another role, and keeps it otherwise', () => {
    const liaison: { name: string; role: Role; department: Department | null } = { name: '联络员', role: 'department', department: 'market' };
    expect(changedUser(liaison, { role: 'mediator' })).toEqual({ name: '联络员', role: 'mediator', department: null });
    expect(changedUser(liaison, { name: '新名字' })).toEqual({ name: '新名字', role: 'department', department: 'market' });
    expect(changedUser({ ...liaison, role: 'mediator' }, { department: 'police' }).department).toBe('police');
  });

  it('keeps an admin from disabling themselves or giving up their own admin role', () => {
    expect(refuseOwnAccount('a', 'a', { disable: true })).toBeDefined();
    expect(refuseOwnAccount('a', 'a', { role: 'supervisor' })).toBeDefined();
    expect(refuseOwnAccount('a', 'a', { role: 'admin' })).toBeUndefined();
    expect(refuseOwnAccount('a', 'b', { disable: true })).toBeUndefined();
  });

  it('dispatches within a station to its mediators, those above it, and those of its parts below', () => {
    const at = (jurisdictionPath: string) => ({ role: 'mediator' as const, jurisdictionPath });
    expect(mayBeAssignedWithin(at('/XH/XH-LY/'), '/XH/XH-LY/')).toBe(true);
    expect(mayBeAssignedWithin(at('/XH/'), '/XH/XH-LY/')).toBe(true);
    expect(mayBeAssignedWithin(at('/XH/XH-LY/XH-LY-BLQ/'), '/XH/XH-LY/')).toBe(true);
    expect(mayBeAssignedWithin(at('/XH/XH-BS/'), '/XH/XH-LY/')).toBe(false);
    expect(mayBeAssignedWithin({ role: 'supervisor', jurisdictionPath: '/XH/XH-LY/' }, '/XH/XH-LY/')).toBe(false);
    expect(mayBeAssigned(at('/XH/XH-LY/XH-LY-BLQ/'), '/XH/XH-LY/XH-LY-LYS/XH-LY-LYS-01/')).toBe(false);
  });
});
