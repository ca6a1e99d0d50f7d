import { describe, expect, it } from 'vitest';
import type { Grid, Unit } from '#domain/registry.ts';
import { checkReferences, type Located } from '../../shared/registry-import/references.ts';

const unit = (id: string, level: Unit['level'], parentId: string | null): Located<Unit> => ({
  line: undefined,
  record: { id, level, name: id, parentId, supervisorIds: [] },
});
const UNITS = [
  unit('d-1', 'district', null),
  unit('d-2', 'district', null),
  unit('s-1', 'street', 'd-1'),
  unit('c-1', 'community', 's-1'),
];
const grid = (ids: Pick<Grid, 'communityId' | 'streetId' | 'districtId'>): Located<Grid> => ({
  line: 7,
  record: {
    id: 'g-1',
    name: 'g-1',
    ...ids,
    workers: [],
    addresses: [],
    boundary: { type: 'Polygon', coordinates: [] },
  },
});
const check = (grids: Located<Grid>[]) =>
  checkReferences({ units: UNITS, grids, people: [], rejected: new Set() });

describe('checkReferences on the ladder of a grid', () => {
  it('accepts a grid whose units sit one in the other up to the district', () => {
    // Act
    const problems = check([grid({ communityId: 'c-1', streetId: 's-1', districtId: 'd-1' })]);

    // Assess
    expect(problems).toEqual([]);
  });

  it.each([
    [{ communityId: 's-1', streetId: 's-1', districtId: 'd-1' }, 's-1 is not a community'],
    [{ communityId: 'c-1', streetId: 's-9', districtId: 'd-1' }, 'community c-1 is not in s-9'],
    [{ communityId: 'c-1', streetId: 's-1', districtId: 'd-2' }, 'street s-1 is not in d-2'],
  ])('reports the first break in the way up, %o', (ids, message) => {
    // Act
    const problems = check([grid(ids)]);

    // Assess
    expect(problems).toEqual([{ line: 7, message: `grid g-1: ${message}` }]);
  });
});
