import { describe, expect, it } from 'vitest';
import { isTopLevel, LEVELS, levelAbove } from '#domain/hierarchy.ts';

describe('the escalation ladder', () => {
  it('runs grid, community, street, district, lowest first', () => {
    // Assess
    expect(LEVELS).toEqual(['grid', 'community', 'street', 'district']);
  });

  it.each([
    ['grid', 'community'],
    ['community', 'street'],
    ['street', 'district'],
  ] as const)('climbs from %s to %s', (level, above) => {
    // Act
    const next = levelAbove(level);

    // Assess
    expect(next).toBe(above);
  });

  it('stays at the district, the top', () => {
    // Act
    const next = levelAbove('district');

    // Assess
    expect(next).toBe('district');
    expect(isTopLevel('district')).toBe(true);
  });

  it('treats no level below the district as the top', () => {
    // Act
    const tops = LEVELS.filter((level) => isTopLevel(level));

    // Assess
    expect(tops).toEqual(['district']);
  });
});
