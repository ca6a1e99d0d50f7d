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
// requests within three days, ordinary complaints within about two weeks. Kept as data so a district can
// change them without touching the workflow.
export const CATEGORIES: readonly Category[] = [
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

export const CATEGORY_CODES = CATEGORIES.map((category) => category.code) as [string, ...string[]];

/** How long a resident has to rate a resolved case before it closes unrated, unless a district sets another. */
export const RATING_WINDOW = 'P3D';

/** The category with this code; callers validate codes first, so an unknown code is a programming error. */
export function categoryOf(code: string): Category {
  const category = CATEGORIES.find((candidate) => candidate.code === code);
  if (!category) throw new RangeError(`Unknown category ${code}`);
  return category;
}
