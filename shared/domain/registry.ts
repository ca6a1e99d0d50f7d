import type { Level } from './hierarchy.ts';

/** A point as [longitude, latitude], the GeoJSON order. */
export type Position = readonly [number, number];

/** An administrative unit above the grid: a community (社区), a street office or town (街道/镇), the district (区). */
export interface Unit {
  readonly id: string;
  readonly level: Exclude<Level, 'grid'>;
  readonly name: string;
  readonly parentId: string | null;
  readonly supervisorIds: readonly string[];
}

export interface Grid {
  readonly id: string;
  readonly name: string;
  readonly communityId: string;
  readonly streetId: string;
  readonly districtId: string;
  readonly workers: readonly { readonly id: string; readonly name: string }[];
  readonly addresses: readonly string[];
  /** The boundary as a closed ring of [lng, lat] positions. */
  readonly boundary: readonly Position[];
}

export type PersonRole = 'grid_worker' | 'community_supervisor' | 'street_supervisor' | 'district_supervisor';

/** Someone who receives tasks. Contact details stay in the registry and reach only the notifier. */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly role: PersonRole;
  /** The grid of a worker, the unit of a supervisor. */
  readonly unitId: string;
  readonly onDuty: boolean;
  readonly phone?: string;
  readonly email?: string;
}

export const ROLE_OF_LEVEL: Record<Level, PersonRole> = {
  grid: 'grid_worker',
  community: 'community_supervisor',
  street: 'street_supervisor',
  district: 'district_supervisor',
};

/** Addresses are matched after folding case and white space, so "12 Hehua Rd" finds "12  hehua rd". */
export function normalizeAddress(address: string): string {
  return address.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
