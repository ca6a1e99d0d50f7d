// The grid workers' signed-in routes as the OpenAPI document describes them (./openapi-routes.ts lists them with
// the others).
import type { Operation } from './openapi-routes.ts';

/** POST /worker/cases, behind the same JWT authorizer as the dashboard. */
export function workerOperations(badBody: Readonly<Record<number, string>>): Operation[] {
  return [
    {
      method: 'POST',
      path: '/worker/cases',
      tag: 'Grid workers',
      summary: 'A signed-in grid worker reports a case in their grid: found on a round, or for a resident',
      description:
        'Without options: a find on the worker’s round (巡查上报, source `patrol`), handled through the workflow ' +
        'like any case. With `onTheSpot: {note, outcome}`: handled on the spot (即报即办), stored closed at once ' +
        'with that outcome, never rated and counted apart. With `onBehalf: {phone, name?}`: a report for a ' +
        'resident (代报, source `on_behalf`) that runs as theirs: their phone gets the tracking and rating ' +
        'messages. `location` defaults to the worker’s grid and must lie in it. Repeats with the same ' +
        'Idempotency-Key find the first case.',
      auth: 'supervisor',
      idempotencyKey: true,
      body: { schema: 'WorkerCaseBody' },
      ok: { status: 201, description: 'Taken; `location` names the new issue', json: 'CreatedIssue' },
      problems: {
        ...badBody,
        403: 'The token names no grid worker, or the place lies outside the worker’s grid.',
        415: 'The body is not `application/json`.',
        422:
          'Invalid or unknown fields (`errors[].path` names each); both `onTheSpot` and `onBehalf`; a place no ' +
          'grid covers; an Idempotency-Key reused with another body.',
      },
    },
  ];
}
