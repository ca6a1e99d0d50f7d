import { apiHandler } from '#http/api-handler.ts';
import { findAsset } from '#http/pages/assets.ts';
import { HttpRequestError } from '#http/problem.ts';

/**
 * GET /assets/{name}: the pages' script modules. A request naming the current version may be cached for
 * good (a new script is a new URL); any other is cached briefly.
 */
export const handler = apiHandler(async (event) => {
  const asset = findAsset(event.pathParameters?.name ?? '');
  if (!asset) throw new HttpRequestError({ status: 404, title: 'Not Found', detail: 'No such asset.' });
  const current = event.queryStringParameters?.v === asset.version;
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      'x-content-type-options': 'nosniff',
    },
    body: asset.body,
  };
});
