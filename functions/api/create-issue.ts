import { caseNumbers } from '#adapters/wiring/case-numbers.ts';
import { categories } from '#adapters/wiring/categories.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { idempotency } from '#adapters/wiring/idempotency.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { createdIssueResponse, idempotencyKeyOf } from '#http/intake.ts';
import { parseJson } from '#http/request-body.ts';
import { reportBody } from '#http/schemas.ts';
import { reportIssue } from '#use-cases/report-issue.ts';

const deps = await createDeps({
  issues,
  idempotency,
  caseNumbers,
  registry,
  clock,
  keys,
  categories,
});

/** POST /issues: a resident reports a problem; answers at once with the id and a private tracking token. */
export const handler = apiHandler(async (event) => {
  const key = idempotencyKeyOf(event);
  await deps.categories.current(); // a category imported since the last request is valid at once
  const report = parseJson(event, reportBody);
  return createdIssueResponse(await reportIssue(deps, report, key));
});
