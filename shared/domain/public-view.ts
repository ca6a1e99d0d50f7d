import { termsOf, timeLeft } from './case-deadlines.ts';
import { sourceOf } from './case-source.ts';
import type { Assignee, Issue, Task, TimelineEvent } from './issue.ts';
import { outcomeOf } from './outcomes.ts';
import { isDepartmentRole } from './registry.ts';
import type { WorkCalendar } from './working-time.ts';

/**
 * Who reads the view: anyone (`public`), or the resident who proved the case is theirs with the tracking
 * token (`resident`). Only the resident sees what people wrote into the timeline (decline, reassign and
 * resolve notes): a note may carry a phone number or a name that is not for publication.
 */
export type Audience = 'public' | 'resident';

/** A timeline event as the audience may see it: what happened, and for the resident also what was written. */
function eventFor(event: TimelineEvent, audience: Audience): TimelineEvent {
  const named = departmentNamed(event);
  if (audience === 'resident' || named.note === undefined) return named;
  const { note: _note, ...happened } = named;
  return happened;
}

/** A department's people act in its name: an entry that names the department leaves them out. */
function departmentNamed(event: TimelineEvent): TimelineEvent {
  const staff = (person: Assignee | undefined) => person !== undefined && isDepartmentRole(person.role);
  if (!event.department || (!staff(event.by) && !staff(event.assignee))) return event;
  const { by, assignee, ...rest } = event;
  return {
    ...rest,
    ...(by && !staff(by) ? { by } : {}),
    ...(assignee && !staff(assignee) ? { assignee } : {}),
  };
}

/** Who holds the open task as the public may know it: a department by its name, never its handler's. */
function holderOf(task: Task): Assignee {
  const { department, assignee } = task;
  return department ? { id: department.id, name: department.name, role: assignee.role } : { ...assignee };
}

/** The names of the places a view mentions, from the registry: grids by id, and the case's community. */
export interface PlaceNames {
  readonly grids: Readonly<Record<string, string>>;
  readonly community?: string | undefined;
}

/** The grid ids a case's view mentions: its grid and every grid its timeline routed it to. */
export function gridIdsOf(issue: Issue): string[] {
  const routed = issue.timeline.flatMap((event) =>
    (event.type === 'submitted' || event.type === 'reassigned') && event.to ? [event.to] : [],
  );
  return [...new Set([issue.gridId, ...routed])];
}

/**
 * What anyone may see of an issue: no reporter data, no link material, no free-text notes or description
 * unless `resident`. Places carry their names when `names` has them (residents do not know grid ids).
 * With the calendar, the time left to the case's resolve deadline as people count it (working days or hours).
 */
export function publicViewOf(
  issue: Issue,
  now: string,
  audience: Audience = 'public',
  names: PlaceNames = { grids: {} },
  calendar?: WorkCalendar,
) {
  const openTask = issue.task?.status === 'open' && issue.status !== 'closed' ? issue.task : undefined;
  const running = issue.status !== 'resolved' && issue.status !== 'closed';
  const resolveDeadline = issue.resolveDeadline ?? null;
  return {
    id: issue.id,
    caseNumber: issue.caseNumber ?? null,
    category: issue.category,
    description: audience === 'resident' ? issue.description : null,
    // How it came in, never who called: the partner's order number and the caller stay off the public view.
    source: sourceOf(issue),
    status: issue.status,
    level: issue.level,
    gridId: issue.gridId,
    gridName: names.grids[issue.gridId] ?? null,
    communityName: names.community ?? null,
    gridNames: Object.fromEntries(
      gridIdsOf(issue).flatMap((id) => (names.grids[id] ? [[id, names.grids[id]]] : [])),
    ),
    assignee: openTask ? holderOf(openTask) : null,
    deadline: openTask?.deadline ?? null,
    resolveDeadline,
    timeLeft:
      calendar && running && resolveDeadline
        ? timeLeft(new Date(now), new Date(resolveDeadline), termsOf(issue), calendar)
        : null,
    overdue: issue.overdue || (openTask !== undefined && now >= openTask.deadline),
    reworkCount: issue.reworkCount,
    rating: issue.rating ? { score: issue.rating.score } : null,
    outcome: issue.outcome ?? null,
    // How the work ended, while that stands: a reopened case's earlier outcome is not its result.
    resolution:
      issue.resolution && !running ? { outcome: outcomeOf(issue.resolution), at: issue.resolution.at } : null,
    createdAt: issue.createdAt,
    timeline: issue.timeline.map((event) => eventFor(event, audience)),
  };
}

export type PublicIssueView = ReturnType<typeof publicViewOf>;
