import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { policy } from '#adapters/wiring/policy.ts';
import { taskCompleter } from '#adapters/wiring/task-completer.ts';
import { createDeps } from '#adapters/wiring.ts';
import { afterRating } from '#domain/rating-transitions.ts';
import { apiHandler } from '#http/api-handler.ts';
import { HttpRequestError } from '#http/problem.ts';
import { parseJson } from '#http/request-body.ts';
import type { RatingAnswer } from '#http/response-schemas.ts';
import { jsonResponse } from '#http/responses.ts';
import { ratingBody } from '#http/schemas.ts';
import { rateIssue } from '#use-cases/rate-issue.ts';

const deps = await createDeps({ issues, keys, clock, taskCompleter, policy });

function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) {
    throw new HttpRequestError({
      status: 401,
      title: 'Unauthorized',
      detail: 'Send the tracking token as a Bearer token.',
    });
  }
  return match[1];
}

/** POST /issues/{id}/rating: the resident's 好差评 on the deployment's scale, proven by the tracking token. */
export const handler = apiHandler(async (event) => {
  const trackingToken = bearerToken(event.headers.authorization);
  const body = parseJson(event, ratingBody);
  const issue = await rateIssue(deps, {
    issueId: event.pathParameters?.id ?? '',
    trackingToken,
    score: body.score,
    comment: body.comment,
  });
  const next = issue.rating ? afterRating(issue, issue.rating) : 'closed';
  return jsonResponse(200, {
    issueId: issue.id,
    caseNumber: issue.caseNumber ?? null,
    next,
    status: next === 'closed' ? 'closed' : 'assigned',
  } satisfies RatingAnswer);
});
