import { GRID_LEVEL, isTopLevel, type Level, levelAbove, TOP_LEVEL } from './hierarchy.ts';
import type { TaskKind } from './issue.ts';

/**
 * Who is next up the ladder: the level a case climbs to when its holder's deadline passes, the holder declines,
 * nobody on duty can take it, or a resident rates the work badly. The district has nobody above it, so a case
 * there stays with the district, now under supervision (督办).
 */
export function nextUp(level: Level): Level {
  return levelAbove(level) ?? level;
}

/** The rungs inside a functional department: its handler on duty, then its supervisor. */
export const DEPARTMENT_RUNGS = ['handler', 'supervisor'] as const;
export type DepartmentRung = (typeof DEPARTMENT_RUNGS)[number];

/** A department's desk a task sits at: which department (its name is what residents read) and which rung. */
export interface DepartmentDesk {
  readonly id: string;
  readonly name: string;
  readonly rung: DepartmentRung;
}

/**
 * Where a task sits: a level of the ladder, or a department's desk beside it. A department's task keeps the
 * ladder level the case was transferred from, which answers for the case when it comes back.
 */
export interface Desk {
  readonly level: Level;
  readonly department?: DepartmentDesk | undefined;
}

/**
 * The desk above `desk`: on the ladder one level up (`nextUp`); inside a department its handler answers to its
 * supervisor, and the supervisor to the district's supervision office, the top of the ladder.
 */
export function nextDeskUp(desk: Desk): Desk {
  const department = desk.department;
  if (!department) return { level: nextUp(desk.level) };
  if (department.rung === 'handler')
    return { level: desk.level, department: { ...department, rung: 'supervisor' } };
  return { level: TOP_LEVEL };
}

/** Whether nobody sits above a desk: the district itself; a department always answers to someone. */
export function isTopDesk(desk: Desk): boolean {
  return !desk.department && isTopLevel(desk.level);
}

/**
 * Why a case whose task's deadline passed moves on: its resolve deadline passed, an ignored supervision task
 * (or, at the top, any task) keeps it under supervision, or an accept deadline sends it one level up.
 */
export function overdueReason(
  level: Level,
  kind: TaskKind = 'accept',
  department?: DepartmentDesk,
): 'deadline' | 'resolve_deadline' | 'supervision' {
  if (kind === 'resolve') return 'resolve_deadline';
  return isTopDesk({ level, department }) || kind === 'supervise' ? 'supervision' : 'deadline';
}

/** Whether a case was taken above its grid (the dashboard's 督办 list shows every such case). */
export function isEscalated(level: Level): boolean {
  return level !== GRID_LEVEL;
}
