import { categoryOf } from '#domain/categories.ts';
import { waitSeconds } from '#domain/duration.ts';
import type { Level } from '#domain/hierarchy.ts';
import type { Issue, NextStep, TaskKind } from '#domain/issue.ts';
import type { Clock, Policy } from '#ports';

/** What the state machine carries between states in `$.step`: the next wait and how long it may last. */
export type WorkflowStep =
  | {
      readonly next: 'offer';
      readonly seq: number;
      readonly task: TaskKind;
      readonly level: Level;
      readonly assigneeId?: string | undefined;
      readonly timeoutSeconds: number;
    }
  | { readonly next: 'rating'; readonly timeoutSeconds: number }
  | { readonly next: 'closed' };

/** The step that starts an issue's workflow: offer it to its grid with the category's acceptance deadline. */
export function firstStep(issue: Issue, clock: Clock): WorkflowStep {
  return {
    next: 'offer',
    seq: 1,
    task: 'accept',
    level: 'grid',
    timeoutSeconds: waitSeconds(categoryOf(issue.category).deadlines.accept, clock.timeScale),
  };
}

export function stepFor(next: NextStep, issue: Issue, clock: Clock, policy: Policy): WorkflowStep {
  switch (next.kind) {
    case 'offer': {
      const deadlines = categoryOf(issue.category).deadlines;
      return {
        next: 'offer',
        seq: next.seq,
        task: next.task,
        level: next.level,
        ...(next.assigneeId ? { assigneeId: next.assigneeId } : {}),
        timeoutSeconds: waitSeconds(
          next.task === 'accept' ? deadlines.accept : deadlines.resolve,
          clock.timeScale,
        ),
      };
    }
    case 'rating':
      return { next: 'rating', timeoutSeconds: waitSeconds(policy.ratingWindow, clock.timeScale) };
    case 'closed':
      return { next: 'closed' };
  }
}
