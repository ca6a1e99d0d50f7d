import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { createDeps } from '#adapters/wiring.ts';
import { categoryOf } from '#domain/categories.ts';
import { LinkGoneError, LinkUsedError } from '#domain/errors.ts';
import { publicViewOf } from '#domain/public-view.ts';
import { apiHandler } from '#http/api-handler.ts';
import { problemOf } from '#http/error-mapping.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { goneLinkPage, messagePage, taskPage } from '#http/pages/task-page.ts';
import { jsonResponse, wantsJson } from '#http/responses.ts';
import { viewTask } from '#use-cases/act-on-task.ts';

const deps = await createDeps({ issues, keys, clock });

/** GET /tasks/{linkToken}: shows the task behind an approval link. It never acts: scanners pre-fetch links. */
export const handler = apiHandler(async (event) => {
  const token = event.pathParameters?.linkToken ?? '';
  const lang = langOf(event);
  try {
    const { issue, task, actions } = await viewTask(deps, token);
    const now = deps.clock.now().toISOString();
    if (!wantsJson(event.headers)) {
      return pageResponse(200, taskPage(lang, { issue, task, actions, now, path: event.rawPath }));
    }
    return jsonResponse(200, {
      issueId: issue.id,
      category: { code: issue.category, name: categoryOf(issue.category).name },
      description: issue.description,
      status: issue.status,
      level: task.level,
      task: { kind: task.kind, assignee: task.assignee, deadline: task.deadline },
      reporter: issue.reporter ?? null,
      actions,
    });
  } catch (error) {
    const { problem } = problemOf(error);
    if (wantsJson(event.headers) || problem.status >= 500) throw error;
    if (error instanceof LinkUsedError || error instanceof LinkGoneError) {
      // Say who holds the case now, so the worker knows whom to call instead.
      const stored = await deps.issues.get(error.issueId);
      const view = stored ? publicViewOf(stored.issue, deps.clock.now().toISOString()) : undefined;
      const reason = error instanceof LinkUsedError ? 'used' : error.reason;
      return pageResponse(problem.status, goneLinkPage(lang, reason, view));
    }
    return pageResponse(problem.status, messagePage(problem.title, String(problem.detail ?? ''), lang));
  }
});
