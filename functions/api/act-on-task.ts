import type { APIGatewayProxyEventV2 } from 'aws-lambda';
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
import { confirmationPage } from '#http/pages/confirmation-page.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { problemPages } from '#http/pages/problem-page.ts';
import { taskPage } from '#http/pages/task-page.ts';
import { parseBody, validate } from '#http/request-body.ts';
import type { IssueStatusAnswer } from '#http/response-schemas.ts';
import { jsonResponse, wantsJson } from '#http/responses.ts';
import { taskActionBody } from '#http/schemas.ts';
import { actOnTask } from '#use-cases/act-on-task.ts';
import { followUpTaskLink } from '#use-cases/follow-up-task.ts';
import { viewTask } from '#use-cases/view-task.ts';

const deps = await createDeps({
  issues,
  keys,
  clock,
  registry,
  stats,
  taskCompleter,
  notifier,
  policy,
  publicUrl,
  calendars,
});

/** How long an acceptance from the page waits for the resolve task, to show its form at once. */
const FOLLOW_UP_WAIT_MS = 3000;

/** The task page's own form post from a browser: answered with pages, success and failure alike. */
function fromPage(event: APIGatewayProxyEventV2): boolean {
  const form = (event.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  return form && !wantsJson(event.headers);
}

/** POST /tasks/{linkToken}: the one request that acts on a task (JSON, or the page's form). */
export const handler = apiHandler(
  async (event) => {
    const request = validate(taskActionBody, parseBody(event, { form: true }));
    const issue = await actOnTask(deps, event.pathParameters?.linkToken ?? '', request);
    if (fromPage(event)) {
      const lang = langOf(event);
      const next =
        request.action === 'accept' ? await followUpTaskLink(deps, issue, FOLLOW_UP_WAIT_MS) : undefined;
      if (!next) return pageResponse(200, confirmationPage(lang, request.action, issue));
      // Not a dead end: the resolve form of the task that follows, posting to its own link.
      const view = await viewTask(deps, next);
      return pageResponse(200, taskPage(lang, { ...view, path: `/tasks/${next}`, done: 'accept' }));
    }
    return jsonResponse(200, { issueId: issue.id, status: issue.status } satisfies IssueStatusAnswer);
  },
  { pages: problemPages(fromPage) },
);
