import { isIssueId } from '#domain/links.ts';
import { apiHandler } from '#http/api-handler.ts';
import { langOf } from '#http/pages/lang.ts';
import { pageResponse } from '#http/pages/page-response.ts';
import { messagePage } from '#http/pages/task-page.ts';
import { trackPage } from '#http/pages/track-page.ts';

/**
 * GET /track/{id}: the shell of the tracking page; its module reads the case from GET /issues/{id}. The
 * tracking token stays in the browser (the fragment and localStorage) and never reaches this route.
 */
export const handler = apiHandler(async (event) => {
  const id = event.pathParameters?.id ?? '';
  const lang = langOf(event);
  if (!isIssueId(id)) {
    const [title, text] =
      lang === 'zh' ? ['找不到案件', '案件编号不正确。'] : ['No such case', 'This case id is not valid.'];
    return pageResponse(404, messagePage(title, text, lang));
  }
  return pageResponse(200, trackPage(lang, id));
});
