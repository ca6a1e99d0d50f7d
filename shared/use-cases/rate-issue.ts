import {
  ConcurrentUpdateError,
  IssueNotFoundError,
  TrackingTokenMismatchError,
  WorkflowUnavailableError,
} from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import { isIssueId, trackingTokenMatches } from '#domain/links.ts';
import { DEFAULT_RATING_SCALE } from '#domain/rating-scale.ts';
import { recordRating } from '#domain/rating-transitions.ts';
import type { Deps } from './deps.ts';

/** Records a resident's 好差评 for a resolved issue, proven by the tracking token, and wakes the workflow. */
export async function rateIssue(
  deps: Pick<Deps, 'issues' | 'keys' | 'clock' | 'taskCompleter' | 'policy'>,
  request: { issueId: string; trackingToken: string; score: number; comment?: string | undefined },
): Promise<Issue> {
  if (!isIssueId(request.issueId)) throw new IssueNotFoundError(request.issueId);
  let stored = await deps.issues.get(request.issueId);
  if (!stored) throw new IssueNotFoundError(request.issueId);
  if (!trackingTokenMatches(deps.keys.linkKey, request.issueId, request.trackingToken)) {
    throw new TrackingTokenMismatchError();
  }
  for (let attempt = 1; ; attempt++) {
    const rated = recordRating(
      stored.issue,
      { score: request.score, comment: request.comment, now: deps.clock.now().toISOString() },
      deps.policy.ratingScale ?? DEFAULT_RATING_SCALE,
    );
    try {
      const saved = await deps.issues.save(rated, stored.issue.version);
      if (saved.workflowToken) {
        await deps.taskCompleter.complete(saved.workflowToken, { rated: true }).catch((error: unknown) => {
          throw new WorkflowUnavailableError(error);
        });
      }
      return saved.issue;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= 3) throw error;
      stored = (await deps.issues.get(request.issueId)) ?? stored;
    }
  }
}
