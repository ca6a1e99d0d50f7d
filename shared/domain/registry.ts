import { GRID_LEVEL, isUnitLevel, LEVELS, type Level, type UnitLevel } from './hierarchy.ts';

/** A point as [longitude, latitude], the GeoJSON order. */
export type Position = readonly [number, number];

/** A linear ring: closed, its last position repeating the first (GeoJSON). */
export type Ring = readonly Position[];

/** A grid's boundary: a GeoJSON Polygon or MultiPolygon in WGS-84 (RFC 7946); rings after a polygon's first are holes. */
export type Boundary =
  | { readonly type: 'Polygon'; readonly coordinates: readonly Ring[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly Ring[])[] };

/**
 * The coordinate systems a point or boundary may be drawn in: WGS-84 (GPS, GeoJSON), or GCJ-02, the offset system of
 * Chinese map platforms (Amap, Tencent), which lies hundreds of metres from WGS-84: a grid's width.
 */
export const COORD_SYSTEMS = ['wgs84', 'gcj02'] as const;
export type CoordSystem = (typeof COORD_SYSTEMS)[number];

/** An administrative unit above the grid: a community (社区), a street office or town (街道/镇), the district (区). */
export interface Unit {
  readonly id: string;
  readonly level: UnitLevel;
  readonly name: string;
  readonly parentId: string | null;
  readonly supervisorIds: readonly string[];
  /** A district's short code, the prefix of its case numbers (`LS` in `LS-20261130-0042`). */
  readonly code?: string | undefined;
}

export interface Grid {
  readonly id: string;
  readonly name: string;
  readonly communityId: string;
  readonly streetId: string;
  readonly districtId: string;
  readonly workers: readonly { readonly id: string; readonly name: string }[];
  readonly addresses: readonly string[];
  /** Always WGS-84: a boundary drawn in GCJ-02 is converted when it is imported. */
  readonly boundary: Boundary;
}

/**
 * The kinds of functional department (职能部门) a case can be transferred to: the water utility, the power and gas
 * suppliers, urban management (城管), housing and property management (住建/物业), market supervision, others.
 */
export const DEPARTMENT_KINDS = [
  'water',
  'power',
  'gas',
  'urban_management',
  'housing',
  'market_supervision',
  'other',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** A functional department beside the grids: its handlers take transferred cases, its supervisors oversee them. */
export interface Department {
  readonly id: string;
  readonly name: string;
  readonly kind: DepartmentKind;
  /** The district it serves: above its supervisor sits that district's supervision office. */
  readonly districtId: string;
  readonly handlerIds: readonly string[];
  readonly supervisorIds: readonly string[];
}

/** A department's people: handlers sign for and resolve its cases, a supervisor takes what they leave. */
export const DEPARTMENT_ROLES = ['department_handler', 'department_supervisor'] as const;
export type DepartmentRole = (typeof DEPARTMENT_ROLES)[number];

/** A grid worker serves a grid; a supervisor a unit above it (`community_supervisor`, …). */
export type LadderRole = 'grid_worker' | `${UnitLevel}_supervisor`;

/** Whoever takes cases: on the ladder, or in a department. */
export type PersonRole = LadderRole | DepartmentRole;

/** Someone who receives tasks. Contact details stay in the registry and reach only the notifier. */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly role: PersonRole;
  /** The grid of a worker, the unit of a supervisor, the department of a department's handler or supervisor. */
  readonly unitId: string;
  readonly onDuty: boolean;
  readonly phone?: string;
  readonly email?: string;
}

/** The role of the people who take cases at a level. */
export function roleAt(level: Level): LadderRole {
  return isUnitLevel(level) ? `${level}_supervisor` : 'grid_worker';
}

/** Every role: the ladder's, lowest level first, then the departments'. */
export const PERSON_ROLES = [...LEVELS.map(roleAt), ...DEPARTMENT_ROLES] as PersonRole[] as [
  PersonRole,
  ...PersonRole[],
];

/** Whether a role serves a department rather than a place on the ladder. */
export function isDepartmentRole(role: PersonRole): role is DepartmentRole {
  return (DEPARTMENT_ROLES as readonly string[]).includes(role);
}

/** The level a ladder role serves at: a worker's grid, a supervisor's unit. */
export function levelOfRole(role: LadderRole): Level {
  return LEVELS.find((level) => roleAt(level) === role) ?? GRID_LEVEL;
}

/** Addresses are matched after folding case and white space, so "12 Hehua Rd" finds "12  hehua rd". */
export function normalizeAddress(address: string): string {
  return address.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A phone number as the registry keys it: digits only, China's country code (+86, 0086) dropped, so a person
 * typing "+86 138-0000-1234" finds "13800001234".
 */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return digits.replace(/^(\+|00)86(?=1\d{10}$)/, '').replace(/^\+/, '');
}
