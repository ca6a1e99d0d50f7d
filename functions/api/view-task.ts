import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { createDeps } from '#adapters/wiring.ts';
import { categoryOf } from '#domain/categories.ts';
import { apiHandler } from '#http/api-handler.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { problemPages } from '#http/pages/problem-page.ts';
import { taskPage } from '#http/pages/task-page.ts';
import type { TaskViewAnswer } from '#http/response-schemas.ts';
import { jsonResponse, wantsJson } from '#http/responses.ts';
import { viewTask } from '#use-cases/view-task.ts';

const deps = await createDeps({ issues, keys, clock });

/** GET /tasks/{linkToken}: shows the task behind an approval link. It never acts: scanners pre-fetch links. */
export const handler = apiHandler(
  async (event) => {
    const { issue, task, actions, request, now } = await viewTask(
      deps,
      event.pathParameters?.linkToken ?? '',
    );
    if (!wantsJson(event.headers)) {
      return pageResponse(
        200,
        taskPage(langOf(event), { issue, task, actions, request, now, path: event.rawPath }),
      );
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
    } satisfies TaskViewAnswer);
  },
  { pages: problemPages((event) => !wantsJson(event.headers)) },
);
