import { categories } from '#adapters/wiring/categories.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { photoOrigin, photos } from '#adapters/wiring/photos.ts';
import { createDeps } from '#adapters/wiring.ts';
import { categoryOf } from '#domain/categories.ts';
import { coHandlerStatus } from '#domain/co-handling.ts';
import type { Issue, Task } from '#domain/issue.ts';
import { apiHandler } from '#http/api-handler.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { problemPages } from '#http/pages/problem-page.ts';
import { taskPage } from '#http/pages/task-page.ts';
import type { TaskViewAnswer } from '#http/response-schemas.ts';
import { jsonResponse, wantsJson } from '#http/responses.ts';
import { photoViews } from '#use-cases/photos.ts';
import { viewTask } from '#use-cases/view-task.ts';

/** On the lead's link: each co-handling department and where it stands. */
function coHandlersOf(issue: Issue, task: Task, now: string) {
  const coHandling = issue.coHandling;
  if (coHandling?.leadSeq !== task.seq) return {};
  return {
    coHandlers: coHandling.coHandlers.map((coHandler) => ({
      department: coHandler.department,
      status: coHandlerStatus(coHandler, now),
      deadline: coHandler.deadline,
      ...(coHandler.report ? { report: coHandler.report } : {}),
    })),
  };
}

const deps = await createDeps({ issues, keys, clock, categories, photos, photoOrigin });

/** GET /tasks/{linkToken}: shows the task behind an approval link. It never acts: scanners pre-fetch links. */
export const handler = apiHandler(
  async (event) => {
    await deps.categories.current();
    const { issue, task, actions, request, now } = await viewTask(
      deps,
      event.pathParameters?.linkToken ?? '',
    );
    const shown = await photoViews(deps.photos, issue.id, issue.photos);
    if (!wantsJson(event.headers)) {
      const page = taskPage(langOf(event), {
        issue,
        task,
        actions,
        request,
        now,
        path: event.rawPath,
        photos: shown,
      });
      return pageResponse(200, page, { photoOrigin: deps.photoOrigin });
    }
    return jsonResponse(200, {
      issueId: issue.id,
      category: { code: issue.category, name: categoryOf(issue.category).name },
      description: issue.description,
      status: issue.status,
      level: task.level,
      task: { kind: task.kind, assignee: task.assignee, deadline: task.deadline },
      reporter: issue.reporter ?? null,
      request: request
        ? { kind: request.kind, by: request.by, reason: request.reason, until: request.until }
        : null,
      actions: [...actions],
      photos: shown,
      ...coHandlersOf(issue, task, now),
    } satisfies TaskViewAnswer);
  },
  { pages: problemPages((event) => !wantsJson(event.headers)) },
);
