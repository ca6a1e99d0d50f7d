import { createDeps } from '#adapters/wiring.ts';
import { categoryOf } from '#domain/categories.ts';
import { apiHandler } from '#http/api-handler.ts';
import { problemOf } from '#http/error-mapping.ts';
import { htmlResponse, jsonResponse, wantsJson } from '#http/responses.ts';
import { messagePage, taskPage } from '#http/task-page.ts';
import { viewTask } from '#use-cases/act-on-task.ts';

const deps = await createDeps('issues', 'keys', 'clock');

/** GET /tasks/{linkToken}: shows the task behind an approval link. It never acts: scanners pre-fetch links. */
export const handler = apiHandler(async (event) => {
  const token = event.pathParameters?.linkToken ?? '';
  try {
    const { issue, task, actions } = await viewTask(deps, token);
    if (!wantsJson(event.headers)) return htmlResponse(200, taskPage(issue, task, actions));
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
    return { ...htmlResponse(problem.status, messagePage(problem.title, String(problem.detail ?? ''))) };
  }
});
