import { GRID_LEVEL, isTopLevel, type Level, levelAbove } from './hierarchy.ts';

/**
 * Who is next up the ladder: the level a case climbs to when its holder's deadline passes, the holder declines,
 * nobody on duty can take it, or a resident rates the work badly. The district has nobody above it, so a case
 * there stays with the district, now under supervision (督办).
 */
export function nextUp(level: Level): Level {
  return levelAbove(level) ?? level;
}

/** Why a case whose deadline passed moves on: one level up, or, at the top, a supervision round of its own. */
export function overdueReason(level: Level): 'deadline' | 'supervision' {
  return isTopLevel(level) ? 'supervision' : 'deadline';
}

/** Whether a case was taken above its grid (the dashboard's 督办 list shows every such case). */
export function isEscalated(level: Level): boolean {
  return level !== GRID_LEVEL;
}
