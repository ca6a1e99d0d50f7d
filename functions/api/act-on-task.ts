import { clock } from '#adapters/wiring/clock.ts';
import { issues } from '#adapters/wiring/issues.ts';
import { keys } from '#adapters/wiring/keys.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { taskCompleter } from '#adapters/wiring/task-completer.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { problemOf } from '#http/error-mapping.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { messagePage } from '#http/pages/task-page.ts';
import { parseBody, validate } from '#http/request-body.ts';
import { jsonResponse, wantsJson } from '#http/responses.ts';
import { taskActionBody } from '#http/schemas.ts';
import { actOnTask } from '#use-cases/act-on-task.ts';

const deps = await createDeps({ issues, keys, clock, registry, taskCompleter });

const DONE: Record<string, string> = {
  accept: '已接收。稍后您会收到一条用于反馈办结的新链接。',
  decline: '已退回，案件已上报上一级。',
  resolve: '已办结，将请反映人评价。',
  reassign: '已改派到新的网格。',
};

/** POST /tasks/{linkToken}: the one request that acts on a task (JSON, or the page's form). */
export const handler = apiHandler(async (event) => {
  const fromForm = (event.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const html = fromForm && !wantsJson(event.headers);
  try {
    const request = validate(taskActionBody, parseBody(event, { form: true }));
    const issue = await actOnTask(deps, event.pathParameters?.linkToken ?? '', request);
    if (html) return pageResponse(200, messagePage('提交成功', DONE[request.action] ?? ''));
    return jsonResponse(200, { issueId: issue.id, status: issue.status });
  } catch (error) {
    const { problem } = problemOf(error);
    if (!html || problem.status >= 500) throw error;
    return pageResponse(problem.status, messagePage(problem.title, String(problem.detail ?? '')));
  }
});
