import type { Issue } from './issue.ts';

/** What anyone may see of an issue: no reporter data, no link material. */
export function publicViewOf(issue: Issue, now: string) {
  const openTask = issue.task?.status === 'open' && issue.status !== 'closed' ? issue.task : undefined;
  return {
    id: issue.id,
    category: issue.category,
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
    timeline: issue.timeline,
  };
}

export type PublicIssueView = ReturnType<typeof publicViewOf>;
