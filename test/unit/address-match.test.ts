// Address suggestions and forgiving address routing, over the demo district's registry.
import { describe, expect, it } from 'vitest';
import { foldAddress, gridOfAddress, matchAddresses } from '#domain/address-match.ts';
import { AmbiguousAddressError, LocationNotFoundError } from '#domain/errors.ts';
import { demoDistrict } from '#local/seed/demo-district.ts';
import { FakeRegistry } from '#test/support/fakes.ts';
import { resolveGrid } from '#use-cases/resolve-grid.ts';
import { suggestAddresses } from '#use-cases/suggest-addresses.ts';

const district = demoDistrict();
const registry = new FakeRegistry({ grids: [...district.grids], units: [...district.units] });
const grids = district.grids;

describe('foldAddress', () => {
  it('makes full-width digits half-width and drops case and spaces', () => {
    expect(foldAddress(' 建设路１号 1栋 Ａ座')).toBe('建设路1号1栋a座');
  });
});

describe('matchAddresses', () => {
  it('finds an address without its community name, exact matches first', () => {
    // Act
    const matches = matchAddresses(grids, '建设路1号1栋');

    // Assess
    expect(matches.map((match) => [match.address, match.grid.id])).toEqual([
      ['光明社区建设路1号1栋', 'g-001'],
    ]);
  });

  it('accepts the community name without 社区, and full-width digits', () => {
    expect(matchAddresses(grids, '光明建设路１号２栋').map((match) => match.address)).toEqual([
      '光明社区建设路1号2栋',
    ]);
  });

  it('never matches inside a number: 1号 is not 11号', () => {
    // Act
    const addresses = matchAddresses(grids, '建设路1号').map((match) => match.address);

    // Assess
    expect(addresses).toEqual(['光明社区建设路1号1栋', '光明社区建设路1号2栋', '光明社区建设路1号3栋']);
  });
});

describe('gridOfAddress', () => {
  it('routes a partial address whose matches all lie in one grid', () => {
    expect(gridOfAddress(grids, '建设路1号')).toEqual({ grid: expect.objectContaining({ id: 'g-001' }) });
  });

  it('lists the candidates when matches lie in several grids, and nothing when none match', () => {
    const found = gridOfAddress(grids, '建设路');
    expect(
      found && 'candidates' in found && new Set(found.candidates.map((c) => c.grid.id)).size,
    ).toBeGreaterThan(1);
    expect(gridOfAddress(grids, '无名路1号')).toBeUndefined();
  });
});

describe('suggestAddresses', () => {
  it('answers at most ten, each with its grid and community by name, and says when there are more', async () => {
    // Act
    const answer = await suggestAddresses({ registry }, '建设路');

    // Assess
    expect(answer.items).toHaveLength(10);
    expect(answer.more).toBe(true);
    expect(answer.items[0]).toEqual({
      address: '光明社区建设路1号1栋',
      gridId: 'g-001',
      gridName: '光明社区第1网格',
      communityName: '光明社区',
    });
  });

  it('answers nothing for an address no grid registers', async () => {
    expect(await suggestAddresses({ registry }, '无名路')).toEqual({ items: [], more: false });
  });
});

describe('resolveGrid by address', () => {
  it('routes the forgiving forms of one registered address', async () => {
    for (const typed of ['光明社区建设路1号1栋', '建设路1号1栋', '建设路１号１栋', '光明建设路1号']) {
      expect((await resolveGrid(registry, { address: typed })).id, typed).toBe('g-001');
    }
  });

  it('refuses an ambiguous address with named candidates, and an unknown one as not found', async () => {
    // Act
    const ambiguous = await resolveGrid(registry, { address: '建设路' }).catch((error: unknown) => error);
    const unknown = await resolveGrid(registry, { address: '无名路1号' }).catch((error: unknown) => error);

    // Assess
    expect(ambiguous).toBeInstanceOf(AmbiguousAddressError);
    expect((ambiguous as AmbiguousAddressError).candidates).toHaveLength(10);
    expect((ambiguous as AmbiguousAddressError).candidates[0]).toMatchObject({ communityName: '光明社区' });
    expect(unknown).toBeInstanceOf(LocationNotFoundError);
  });
});
