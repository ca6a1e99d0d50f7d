import { type Issue, sourceOf, type TimelineEvent } from './issue.ts';

/**
 * Who reads the view: anyone (`public`), or the resident who proved the case is theirs with the tracking
 * token (`resident`). Only the resident sees what people wrote into the timeline (decline, reassign and
 * resolve notes): a note may carry a phone number or a name that is not for publication.
 */
export type Audience = 'public' | 'resident';

/** A timeline event as the audience may see it: what happened, and for the resident also what was written. */
function eventFor(event: TimelineEvent, audience: Audience): TimelineEvent {
  if (audience === 'resident' || event.note === undefined) return event;
  const { note: _note, ...happened } = event;
  return happened;
}

/** What anyone may see of an issue: no reporter data, no link material, no free-text notes unless `resident`. */
export function publicViewOf(issue: Issue, now: string, audience: Audience = 'public') {
  const openTask = issue.task?.status === 'open' && issue.status !== 'closed' ? issue.task : undefined;
  return {
    id: issue.id,
    category: issue.category,
    // How it came in, never who called: the partner's order number and the caller stay off the public view.
    source: sourceOf(issue),
    status: issue.status,
    level: issue.level,
    gridId: issue.gridId,
    assignee: openTask ? { ...openTask.assignee } : null,
    deadline: openTask?.deadline ?? null,
    overdue: issue.overdue || (openTask !== undefined && now >= openTask.deadline),
    reworkCount: issue.reworkCount,
    rating: issue.rating ? { score: issue.rating.score } : null,
    outcome: issue.outcome ?? null,
    createdAt: issue.createdAt,
    timeline: issue.timeline.map((event) => eventFor(event, audience)),
  };
}

export type PublicIssueView = ReturnType<typeof publicViewOf>;
