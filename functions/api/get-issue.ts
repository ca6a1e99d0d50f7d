import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { jsonResponse } from '#http/responses.ts';
import { viewIssue } from '#use-cases/view-issue.ts';

const deps = await createDeps({ issues, clock });

/** GET /issues/{id}: the public view of a case: where it is, who holds it, its timeline; no reporter data. */
export const handler = apiHandler(async (event) =>
  jsonResponse(200, await viewIssue(deps, event.pathParameters?.id ?? '')),
);
