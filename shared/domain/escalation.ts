import { GRID_LEVEL, isTopLevel, type Level, levelAbove } from './hierarchy.ts';
import type { TaskKind } from './issue.ts';

/**
 * Who is next up the ladder: the level a case climbs to when its holder's deadline passes, the holder declines,
 * nobody on duty can take it, or a resident rates the work badly. The district has nobody above it, so a case
 * there stays with the district, now under supervision (督办).
 */
export function nextUp(level: Level): Level {
  return levelAbove(level) ?? level;
}

/**
 * Why a case whose task's deadline passed moves on: its resolve deadline passed, an ignored supervision task
 * (or, at the top, any task) keeps it under supervision, or an accept deadline sends it one level up.
 */
export function overdueReason(
  level: Level,
  kind: TaskKind = 'accept',
): 'deadline' | 'resolve_deadline' | 'supervision' {
  if (kind === 'resolve') return 'resolve_deadline';
  return isTopLevel(level) || kind === 'supervise' ? 'supervision' : 'deadline';
}

/** Whether a case was taken above its grid (the dashboard's 督办 list shows every such case). */
export function isEscalated(level: Level): boolean {
  return level !== GRID_LEVEL;
}
