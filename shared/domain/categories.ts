import type { TimeBasis } from './working-time.ts';

/** A kind of problem residents report, with the deadlines that the workflow enforces (ISO 8601 durations). */
export interface Category {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly urgent: boolean;
  /** Safety hazards and water cuts run around the clock; disputes and the like in working time. */
  readonly timeBasis: TimeBasis;
  readonly deadlines: { readonly accept: string; readonly resolve: string };
}

// Deadlines follow common practice in published grid-governance rules: urgent hazards the same day, help
// requests within three days, ordinary complaints within about two weeks. The registry holds the categories a
// district works with (`npm run registry:import`); these are its default until it imports its own.
/** The eight categories a district starts with. */
export const DEFAULT_CATEGORIES: readonly Category[] = [
  {
    code: 'water_supply',
    name: '供水问题',
    nameEn: 'Water supply',
    urgent: false,
    timeBasis: 'calendar',
    deadlines: { accept: 'PT2H', resolve: 'P3D' },
  },
  {
    code: 'drainage',
    name: '排水管道堵塞',
    nameEn: 'Drainage and sewer',
    urgent: false,
    timeBasis: 'calendar',
    deadlines: { accept: 'PT2H', resolve: 'P3D' },
  },
  {
    code: 'sanitation',
    name: '环境卫生',
    nameEn: 'Sanitation',
    urgent: false,
    timeBasis: 'working',
    deadlines: { accept: 'PT4H', resolve: 'P5D' },
  },
  {
    code: 'public_facilities',
    name: '公共设施',
    nameEn: 'Public facilities',
    urgent: false,
    timeBasis: 'working',
    deadlines: { accept: 'PT4H', resolve: 'P7D' },
  },
  {
    code: 'neighbour_dispute',
    name: '邻里纠纷',
    nameEn: 'Neighbour dispute',
    urgent: false,
    timeBasis: 'working',
    deadlines: { accept: 'PT4H', resolve: 'P13D' },
  },
  {
    code: 'safety_hazard',
    name: '安全隐患',
    nameEn: 'Safety hazard',
    urgent: true,
    timeBasis: 'calendar',
    deadlines: { accept: 'PT30M', resolve: 'PT8H' },
  },
  {
    code: 'help_request',
    name: '求助',
    nameEn: 'Help request',
    urgent: false,
    timeBasis: 'calendar',
    deadlines: { accept: 'PT2H', resolve: 'P3D' },
  },
  {
    code: 'other',
    name: '其他',
    nameEn: 'Other',
    urgent: false,
    timeBasis: 'working',
    deadlines: { accept: 'PT4H', resolve: 'P15D' },
  },
];

/** How long a resident has to rate a resolved case before it closes unrated, unless a district sets another. */
export const RATING_WINDOW = 'P3D';

// The categories in force: a snapshot the Categories port refreshes from the registry, so the many synchronous
// readers (validation, pages, messages, workflow steps) share one list without each reading the table.
let inForce: ReadonlyMap<string, Category> = byCode(DEFAULT_CATEGORIES);

function byCode(categories: readonly Category[]): ReadonlyMap<string, Category> {
  return new Map(categories.map((category) => [category.code, category]));
}

/** Makes these the categories in force (the Categories port does, after reading the registry); none keeps the default. */
export function useCategories(categories: readonly Category[]): void {
  inForce = byCode(categories.length > 0 ? categories : DEFAULT_CATEGORIES);
}

/** Every category residents can report now, in the order the registry lists them. */
export function allCategories(): readonly Category[] {
  return [...inForce.values()];
}

/** Whether a code names a category in force. */
export function isCategoryCode(code: string): boolean {
  return inForce.has(code);
}

/** The category with this code; callers validate codes first, so an unknown code is a programming error. */
export function categoryOf(code: string): Category {
  const category = inForce.get(code);
  if (!category) throw new RangeError(`Unknown category ${code}`);
  return category;
}
