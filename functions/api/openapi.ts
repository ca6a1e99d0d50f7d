import { apiHandler } from '#http/api-handler.ts';
import { openApiDocument } from '#http/openapi.ts';
import { jsonResponse } from '#http/responses.ts';

// Built once per cold start: the document depends on the code alone.
const document = openApiDocument();

/** GET /openapi.json: the OpenAPI 3.1 document of every route, generated from the schemas the handlers use. */
export const handler = apiHandler(async () =>
  jsonResponse(200, document, { 'cache-control': 'public, max-age=300' }),
);
