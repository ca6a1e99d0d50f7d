import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { createDeps } from '#adapters/wiring.ts';
import { IssueNotFoundError } from '#domain/errors.ts';
import { isIssueId } from '#domain/links.ts';
import { publicViewOf } from '#domain/public-view.ts';
import { apiHandler } from '#http/api-handler.ts';
import { jsonResponse } from '#http/responses.ts';

const deps = await createDeps({ issues, clock });

/** GET /issues/{id}: the public view of a case: where it is, who holds it, its timeline; no reporter data. */
export const handler = apiHandler(async (event) => {
  const id = event.pathParameters?.id ?? '';
  const stored = isIssueId(id) ? await deps.issues.get(id) : undefined;
  if (!stored) throw new IssueNotFoundError(id);
  return jsonResponse(200, publicViewOf(stored.issue, deps.clock.now().toISOString()));
});
