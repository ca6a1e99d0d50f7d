import { caseNumbers } from '#adapters/wiring/case-numbers.ts';
import { categories } from '#adapters/wiring/categories.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { idempotency } from '#adapters/wiring/idempotency.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { notifier } from '#adapters/wiring/notifier.ts';
import { publicUrl } from '#adapters/wiring/public-url.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { NotAGridWorkerError } from '#domain/errors.ts';
import { apiHandler } from '#http/api-handler.ts';
import { createdIssueResponse, idempotencyKeyOf } from '#http/intake.ts';
import { principalOf } from '#http/principal.ts';
import { parseJson } from '#http/request-body.ts';
import { workerCaseBody } from '#http/worker-schemas.ts';
import { trackingMessage } from '#use-cases/partner-cases.ts';
import { reportIssue } from '#use-cases/report-issue.ts';

const deps = await createDeps({
  issues,
  idempotency,
  caseNumbers,
  registry,
  clock,
  keys,
  categories,
  notifier,
  publicUrl,
});

/** POST /worker/cases (JWT): a grid worker's find on their round, handled on the spot or not, or a report for a resident. */
export const handler = apiHandler(async (event) => {
  const { personId, unit } = principalOf(event);
  const key = idempotencyKeyOf(event);
  await deps.categories.current(); // a category imported since the last request is valid at once
  const body = parseJson(event, workerCaseBody);
  // The registry, not the token, says who works where now: a token outlives a move to another grid.
  const worker = personId ? await deps.registry.getPerson(personId) : undefined;
  if (worker?.role !== 'grid_worker' || unit.scope !== 'grid' || worker.unitId !== unit.id) {
    throw new NotAGridWorkerError();
  }
  const by = { id: worker.id, name: worker.name, role: worker.role };
  const receipt = await reportIssue(
    deps,
    {
      category: body.category,
      description: body.description,
      location: body.location ?? { gridId: worker.unitId },
      withinGrid: worker.unitId,
      ...(body.onBehalf
        ? { source: 'on_behalf', reporter: { phone: body.onBehalf.phone, name: body.onBehalf.name } }
        : { source: 'patrol' }),
      ...(body.onTheSpot ? { onTheSpot: { by, ...body.onTheSpot } } : {}),
    },
    key,
  );
  // Sent on every attempt: the message id is stable, so a retried request does not text the resident twice.
  if (body.onBehalf) await deps.notifier.send(trackingMessage(deps.publicUrl, receipt));
  return createdIssueResponse(receipt);
});
