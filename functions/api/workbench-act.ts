import { audit } from '#adapters/wiring/audit.ts';
import { calendars } from '#adapters/wiring/calendars.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { notifier } from '#adapters/wiring/notifier.ts';
import { policy } from '#adapters/wiring/policy.ts';
import { publicUrl } from '#adapters/wiring/public-url.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { stats } from '#adapters/wiring/stats.ts';
import { taskCompleter } from '#adapters/wiring/task-completer.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { workbenchPrincipalOf } from '#http/principal.ts';
import { parseJson } from '#http/request-body.ts';
import type { IssueStatusAnswer } from '#http/response-schemas.ts';
import { jsonResponse } from '#http/responses.ts';
import { workbenchActionBody } from '#http/workbench-action-schemas.ts';
import { actOnWorkbench, supervisorOf } from '#use-cases/workbench-actions.ts';

const deps = await createDeps({
  audit,
  calendars,
  clock,
  issues,
  keys,
  notifier,
  policy,
  publicUrl,
  registry,
  stats,
  taskCompleter,
});

/** POST /workbench/api/cases/{caseId}/actions (JWT): a supervisor's action on a case of their unit or department. */
export const handler = apiHandler(async (event) => {
  const supervisor = await supervisorOf(deps, workbenchPrincipalOf(event));
  const request = parseJson(event, workbenchActionBody);
  const issue = await actOnWorkbench(deps, supervisor, event.pathParameters?.caseId ?? '', request);
  return jsonResponse(200, { issueId: issue.id, status: issue.status } satisfies IssueStatusAnswer);
});
