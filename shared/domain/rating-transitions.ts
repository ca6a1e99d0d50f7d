import { IssueStateConflictError } from './errors.ts';
import { nextUp } from './escalation.ts';
import type { Issue, NextStep, Rating, RatingOutcome } from './issue.ts';
import {
  DEFAULT_RATING_SCALE,
  isSatisfied,
  type RatingScale,
  reopens,
  requireOnScale,
  verdictOf,
} from './rating-scale.ts';

/** A case reworked this many times closes as unsatisfied at its next bad rating. */
export const MAX_REWORK = 2;

/** What a rating leads to: rework when its score reopens and rework rounds remain, otherwise the close. */
export function afterRating(
  issue: Pick<Issue, 'reworkCount'>,
  rating: Pick<Rating, 'score' | 'satisfied' | 'reopens'>,
): 'closed' | 'reopened' {
  return verdictOf(rating).reopens && issue.reworkCount < MAX_REWORK ? 'reopened' : 'closed';
}

/** Records the resident's rating of the current round; one rating per round. */
export function recordRating(
  issue: Issue,
  rating: { score: number; comment?: string | undefined; now: string },
  scale: RatingScale = DEFAULT_RATING_SCALE,
): Issue {
  requireOnScale(rating.score, scale);
  if (issue.status !== 'resolved' || issue.next?.kind === 'closed') {
    throw new IssueStateConflictError('This issue is not waiting for a rating.');
  }
  if (issue.rating?.round === issue.reworkCount) {
    throw new IssueStateConflictError('This issue has already been rated.');
  }
  const comment = rating.comment ? { comment: rating.comment } : {};
  return {
    ...issue,
    rating: {
      score: rating.score,
      at: rating.now,
      round: issue.reworkCount,
      satisfied: isSatisfied(rating.score, scale),
      reopens: reopens(rating.score, scale),
      ...comment,
    },
    timeline: [...issue.timeline, { at: rating.now, type: 'rated', score: rating.score }],
    updatedAt: rating.now,
    version: issue.version + 1,
  };
}

function close(issue: Issue, outcome: RatingOutcome, now: string, next: NextStep): Issue {
  return {
    ...issue,
    status: 'closed',
    outcome,
    next,
    timeline: [...issue.timeline, { at: now, type: 'closed', outcome }],
    updatedAt: now,
    version: issue.version + 1,
  };
}

/**
 * Closes or reopens a resolved case once the resident rated it or the rating window passed. Idempotent like
 * `whatFollowsTask`: the stored answer is returned when the step runs again.
 */
export function whatFollowsRating(issue: Issue, now: string): { issue: Issue; next: NextStep } {
  // Keyed by the resolution it follows, which a reopen leaves in place, so a retry finds its own answer.
  const after = `rating:${issue.resolution?.at ?? ''}`;
  if (issue.next?.after === after) return { issue, next: issue.next };
  if (issue.status !== 'resolved') throw new IssueStateConflictError(`Issue ${issue.id} is not resolved`);
  const rating = issue.rating?.round === issue.reworkCount ? issue.rating : undefined;
  if (!rating) {
    const next: NextStep = { kind: 'closed', after };
    return { issue: close(issue, 'unrated', now, next), next };
  }
  if (afterRating(issue, rating) === 'closed') {
    const next: NextStep = { kind: 'closed', after };
    return {
      issue: close(issue, verdictOf(rating).satisfied ? 'satisfied' : 'unsatisfied', now, next),
      next,
    };
  }
  const level = nextUp(issue.resolution?.level ?? issue.level);
  const reworkCount = issue.reworkCount + 1;
  const seq = (issue.task?.seq ?? 0) + 1;
  const next: NextStep = { kind: 'offer', after, seq, task: 'accept', level };
  return {
    issue: {
      ...issue,
      status: 'assigned',
      reworkCount,
      // Rework runs on a fresh rectification deadline, set when the case is next assigned.
      resolveDeadline: undefined,
      next,
      timeline: [...issue.timeline, { at: now, type: 'reopened', level, reworkCount }],
      updatedAt: now,
      version: issue.version + 1,
    },
    next,
  };
}

/**
 * Notes the one re-invitation (邀评) of the current round in the timeline; unchanged when it is already there, so
 * a retried or resumed step invites once.
 */
export function recordReinvitation(issue: Issue, now: string): Issue {
  const since = issue.resolution?.at ?? '';
  if (issue.timeline.some((event) => event.type === 'reinvited' && event.at >= since)) return issue;
  return {
    ...issue,
    timeline: [...issue.timeline, { at: now, type: 'reinvited' }],
    updatedAt: now,
    version: issue.version + 1,
  };
}
