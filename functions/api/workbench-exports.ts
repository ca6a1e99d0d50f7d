import { audit } from '#adapters/wiring/audit.ts';
import { caseExports } from '#adapters/wiring/case-exports.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { exportFiles } from '#adapters/wiring/export-files.ts';
import { exportQueue } from '#adapters/wiring/export-queue.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { wallClock } from '#adapters/wiring/wall-clock.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { workbenchPrincipalOf } from '#http/principal.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { caseExportQuery, filterOf } from '#http/workbench-schemas.ts';
import { startCaseExport, viewCaseExport } from '#use-cases/case-export.ts';
import { supervisorOf } from '#use-cases/workbench-actions.ts';

const deps = await createDeps({ caseExports, exportQueue, exportFiles, audit, clock, wallClock, registry });

/**
 * POST /workbench/api/exports?<the case list's filters> starts an export of the supervisor's unit's cases
 * (202, `Location` names it); GET /workbench/api/exports/{exportId} says how it stands and, once it is done,
 * gives a download URL valid a few minutes. Both behind the supervisors' JWT authorizer.
 */
export const handler = apiHandler(async (event) => {
  const supervisor = workbenchPrincipalOf(event);
  // A department's cases are its supervisor's alone, as on the list: its handlers act through their links.
  if (supervisor.unit.scope === 'department') await supervisorOf(deps, supervisor);
  const exportId = event.pathParameters?.exportId;
  if (exportId) return jsonResponse(200, await viewCaseExport(deps, supervisor, exportId));
  const filter = validate(caseExportQuery, event.queryStringParameters ?? {});
  const job = await startCaseExport(deps, supervisor, filterOf(filter));
  const location = `/workbench/api/exports/${job.id}`;
  return jsonResponse(202, { id: job.id, status: job.status, location }, { location });
});
