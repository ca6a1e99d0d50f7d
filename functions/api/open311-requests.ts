import { caseListing } from '#adapters/wiring/case-listing.ts';
import { categories } from '#adapters/wiring/categories.ts';
import { clock } from '#adapters/wiring/clock.ts';
import { photos } from '#adapters/wiring/photos.ts';
import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import type { Issue } from '#domain/issue.ts';
import { listResponse, Open311Error, splitFormat } from '#open311/format.ts';
import { open311Handler } from '#open311/handler.ts';
import { isPossibleId, parseRequestQuery } from '#open311/listing.ts';
import { serviceRequestOf, UnitNames } from '#open311/service-request.ts';
import { photoViews } from '#use-cases/photos.ts';

const deps = await createDeps({ caseListing, registry, clock, categories, photos });

/** Open311's one `media_url`: the first photo of the case, through a short-lived URL. */
async function mediaUrlOf(issue: Issue): Promise<string | undefined> {
  const [first] = await photoViews(deps.photos, issue.id, issue.photos?.slice(0, 1));
  return first?.url;
}

/**
 * Open311 GET requests.{fmt} (by ids, or by codes, states and a window of at most 90 days),
 * requests/{service_request_id}.{fmt} and tokens/{token}.{fmt}. Requests are taken at once (type `realtime`),
 * so a token is only ever a request's own id.
 */
export const handler = open311Handler(async (event) => {
  const categories = await deps.categories.current();
  const names = new UnitNames(deps.registry);
  const one = event.pathParameters?.service_request_id ?? event.pathParameters?.token;
  if (one !== undefined) {
    const asked = splitFormat(one);
    if (!asked) throw new Open311Error(404, 'Name the format: append .xml or .json.');
    const [issue] = isPossibleId(asked.name) ? await deps.caseListing.byIds([asked.name]) : [];
    if (!issue)
      throw new Open311Error(404, `Unknown ${event.pathParameters?.token ? 'token' : 'service_request_id'}.`);
    if (event.pathParameters?.token !== undefined) {
      const entry = { service_request_id: issue.id, token: asked.name };
      return listResponse(asked.format, 'service_requests', 'request', [entry]);
    }
    const category = categories.find((candidate) => candidate.code === issue.category);
    const request = await serviceRequestOf(issue, category, names, await mediaUrlOf(issue));
    return listResponse(asked.format, 'service_requests', 'request', [request]);
  }
  const format = event.rawPath.endsWith('.json') ? 'json' : 'xml';
  const codes = categories.map((category) => category.code);
  const query = parseRequestQuery(event.queryStringParameters ?? {}, codes, deps.clock.now());
  const issues =
    query.kind === 'ids' ? await deps.caseListing.byIds(query.ids) : await deps.caseListing.inWindow(query);
  const requests = await Promise.all(
    issues.map(async (issue) =>
      serviceRequestOf(
        issue,
        categories.find((category) => category.code === issue.category),
        names,
        await mediaUrlOf(issue),
      ),
    ),
  );
  return listResponse(format, 'service_requests', 'request', requests);
});
