import type { Issue, Task, TaskAction } from '#domain/issue.ts';
import { allowedActions, requireOpenTask } from '#domain/task-transitions.ts';
import type { Deps } from './deps.ts';
import { findLinkedIssue } from './find-linked-issue.ts';

export interface TaskView {
  readonly issue: Issue;
  readonly task: Task;
  readonly actions: readonly TaskAction[];
  /** The time the view was taken, for the time left. */
  readonly now: string;
}

/** What the holder of a link sees; viewing never changes anything (mail scanners fetch links too). */
export async function viewTask(
  deps: Pick<Deps, 'issues' | 'keys' | 'clock'>,
  token: string,
): Promise<TaskView> {
  const { stored, seq } = await findLinkedIssue(deps, token);
  const now = deps.clock.now().toISOString();
  const task = requireOpenTask(stored.issue, seq, now);
  return { issue: stored.issue, task, actions: allowedActions(task), now };
}
