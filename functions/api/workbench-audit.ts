import { audit } from '#adapters/wiring/audit.ts';
import { createDeps } from '#adapters/wiring.ts';
import { DistrictOnlyError } from '#domain/errors.ts';
import { apiHandler } from '#http/api-handler.ts';
import { principalOf } from '#http/principal.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { auditQuery } from '#http/workbench-schemas.ts';

const deps = await createDeps({ audit });

/** GET /workbench/api/audit?from=&to=[&caseId=&after=]: the audit trail, oldest first, for the district only (JWT). */
export const handler = apiHandler(async (event) => {
  if (principalOf(event).unit.scope !== 'district') throw new DistrictOnlyError();
  const query = validate(auditQuery, event.queryStringParameters ?? {});
  const page = await deps.audit.list({
    fromDay: query.from,
    toDay: query.to,
    caseId: query.caseId,
    limit: query.limit,
    after: query.after,
  });
  return jsonResponse(200, page, { 'cache-control': 'no-store' });
});
