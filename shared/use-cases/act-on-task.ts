import {
  ConcurrentUpdateError,
  GridNotFoundError,
  IssueStateConflictError,
  WorkflowUnavailableError,
} from '#domain/errors.ts';
import type { Issue, TaskAction } from '#domain/issue.ts';
import { decideTask } from '#domain/task-transitions.ts';
import type { Deps } from './deps.ts';
import { findLinkedIssue } from './find-linked-issue.ts';

export interface TaskRequest {
  readonly action: TaskAction;
  readonly note?: string | undefined;
  readonly gridId?: string | undefined;
}

const MAX_ATTEMPTS = 3;

/**
 * Applies the decision behind a link in one conditional write, then wakes the workflow. Of two requests
 * racing on one link, the loser re-reads and finds the link spent.
 */
export async function actOnTask(
  deps: Pick<Deps, 'issues' | 'keys' | 'clock' | 'registry' | 'taskCompleter'>,
  token: string,
  request: TaskRequest,
): Promise<Issue> {
  let { stored, seq } = await findLinkedIssue(deps, token);
  const targetGrid =
    request.action === 'reassign' ? await targetGridOf(deps, stored.issue, request) : undefined;
  for (let attempt = 1; ; attempt++) {
    const decided = decideTask(stored.issue, {
      seq,
      action: request.action,
      note: request.note,
      targetGrid,
      now: deps.clock.now().toISOString(),
    });
    try {
      const saved = await deps.issues.save(decided, stored.issue.version);
      await wake(deps, saved.workflowToken, request.action);
      return saved.issue;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= MAX_ATTEMPTS) throw error;
      ({ stored, seq } = await findLinkedIssue(deps, token));
    }
  }
}

async function targetGridOf(deps: Pick<Deps, 'registry'>, issue: Issue, request: TaskRequest) {
  if (!request.gridId) throw new GridNotFoundError('', 'gridId');
  if (request.gridId === issue.gridId) throw new IssueStateConflictError('The case is already in this grid.');
  const grid = await deps.registry.getGrid(request.gridId);
  if (!grid) throw new GridNotFoundError(request.gridId, 'gridId');
  return grid;
}

async function wake(deps: Pick<Deps, 'taskCompleter'>, token: string | undefined, action: TaskAction) {
  // No token yet means the workflow has not reached its wait; when it does, it finds the decision stored.
  if (!token) return;
  try {
    await deps.taskCompleter.complete(token, { action });
  } catch (error) {
    throw new WorkflowUnavailableError(error);
  }
}
