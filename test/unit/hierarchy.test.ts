import { describe, expect, it } from 'vitest';
import { isEscalated, nextUp, overdueReason } from '#domain/escalation.ts';
import {
  gridPosition,
  isTopLevel,
  LEVELS,
  levelAbove,
  levelBelow,
  levelsAbove,
  UNIT_LEVELS,
  unitIdAt,
} from '#domain/hierarchy.ts';
import { levelOfRole, PERSON_ROLES, roleAt } from '#domain/registry.ts';
import { STAT_SCOPES, scopesOf } from '#domain/stats.ts';

describe('the ladder', () => {
  it('runs grid, community, street, district, lowest first', () => {
    // Assess
    expect(LEVELS).toEqual(['grid', 'community', 'street', 'district']);
    expect(UNIT_LEVELS).toEqual(['community', 'street', 'district']);
  });

  it.each([
    ['grid', 'community'],
    ['community', 'street'],
    ['street', 'district'],
  ] as const)('has %s below %s', (below, above) => {
    // Assess
    expect(levelAbove(below)).toBe(above);
    expect(levelBelow(above)).toBe(below);
  });

  it('has nothing above the district and nothing below the grid', () => {
    // Assess
    expect(levelAbove('district')).toBeUndefined();
    expect(levelBelow('grid')).toBeUndefined();
    expect(LEVELS.filter((level) => isTopLevel(level))).toEqual(['district']);
  });

  it('lists the levels above a unit top first, for navigation', () => {
    // Assess
    expect(levelsAbove('grid')).toEqual(['district', 'street', 'community']);
    expect(levelsAbove('street')).toEqual(['district']);
    expect(levelsAbove('district')).toEqual([]);
  });

  it("finds a grid's unit at every level", () => {
    // Prepare
    const grid = { id: 'g-1', communityId: 'c-1', streetId: 's-1', districtId: 'd-1' };

    // Act
    const ids = LEVELS.map((level) => unitIdAt(gridPosition(grid), level));

    // Assess
    expect(ids).toEqual(['g-1', 'c-1', 's-1', 'd-1']);
  });

  it('derives the roles and the figures kept from the ladder', () => {
    // Prepare
    const issue = { gridId: 'g-1', communityId: 'c-1', streetId: 's-1', districtId: 'd-1', workerId: 'w-1' };

    // Assess
    expect(PERSON_ROLES).toEqual([
      'grid_worker',
      'community_supervisor',
      'street_supervisor',
      'district_supervisor',
      'department_handler',
      'department_supervisor',
    ]);
    expect(LEVELS.map((level) => levelOfRole(roleAt(level)))).toEqual([...LEVELS]);
    expect(STAT_SCOPES).toEqual(['district', 'street', 'community', 'grid', 'worker', 'department']);
    expect(scopesOf(issue as Parameters<typeof scopesOf>[0])).toEqual([
      'district#d-1',
      'street#s-1',
      'community#c-1',
      'grid#g-1',
      'worker#w-1',
    ]);
  });
});

describe('escalation', () => {
  it.each([
    ['grid', 'community', 'deadline'],
    ['community', 'street', 'deadline'],
    ['street', 'district', 'deadline'],
    ['district', 'district', 'supervision'],
  ] as const)('takes an overdue case at the %s to the %s (%s)', (level, next, reason) => {
    // Assess
    expect(nextUp(level)).toBe(next);
    expect(overdueReason(level)).toBe(reason);
  });

  it('counts a case as escalated once it is above its grid', () => {
    // Assess
    expect(LEVELS.filter((level) => isEscalated(level))).toEqual(['community', 'street', 'district']);
  });
});
