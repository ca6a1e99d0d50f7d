/** The escalation ladder, lowest first. */
export const LEVELS = ['grid', 'community', 'street', 'district'] as const;
export type Level = (typeof LEVELS)[number];

/** The level a case climbs to when a deadline passes or a worker declines; the district is the top. */
export function levelAbove(level: Level): Level {
  const index = LEVELS.indexOf(level);
  return LEVELS[Math.min(index + 1, LEVELS.length - 1)] ?? 'district';
}

export function isTopLevel(level: Level): boolean {
  return level === 'district';
}
