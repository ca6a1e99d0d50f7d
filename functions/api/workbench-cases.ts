import { audit } from '#adapters/wiring/audit.ts';
import { caseIndex } from '#adapters/wiring/case-index.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { workbenchPrincipalOf } from '#http/principal.ts';
import { validate } from '#http/request-body.ts';
import { jsonResponse } from '#http/responses.ts';
import { caseListQuery, cursorOf, filterOf } from '#http/workbench-schemas.ts';
import { listCases } from '#use-cases/case-list.ts';
import { supervisorOf } from '#use-cases/workbench-actions.ts';
import { casePage, caseSummary, searchCases } from '#use-cases/workbench-case.ts';

const deps = await createDeps({ caseIndex, registry, audit, clock, keys });
// Answers carry residents' contact details: no cache keeps them.
const NO_STORE = { 'cache-control': 'no-store' };

/**
 * GET /workbench/api/cases (a page of the supervisor's unit's cases, filtered, or a search by number or phone)
 * and GET /workbench/api/cases/{caseId} (the case page), behind the supervisors' JWT authorizer: a ladder
 * unit's supervisor sees their unit's cases, a department's supervisor the cases transferred to it.
 */
export const handler = apiHandler(async (event) => {
  const supervisor = workbenchPrincipalOf(event);
  // A department's list is its supervisor's alone: its handlers act through their links.
  if (supervisor.unit.scope === 'department') await supervisorOf(deps, supervisor);
  const caseId = event.pathParameters?.caseId;
  if (caseId) return jsonResponse(200, await casePage(deps, supervisor, caseId), NO_STORE);
  const { number, phone, limit, after, ...filter } = validate(
    caseListQuery,
    event.queryStringParameters ?? {},
  );
  if (number || phone) {
    const found = await searchCases(deps, supervisor.unit, { caseNumber: number, phone });
    return jsonResponse(200, { cases: found.map(caseSummary) }, NO_STORE);
  }
  const page = await listCases(deps, supervisor.unit, { filter: filterOf(filter), limit, after });
  return jsonResponse(
    200,
    {
      cases: page.cases.map(caseSummary),
      ...(page.next ? { next: cursorOf(page.next) } : {}),
      examined: page.examined,
    },
    NO_STORE,
  );
});
