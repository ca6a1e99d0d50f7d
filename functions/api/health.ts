import { apiHandler } from '#http/api-handler.ts';
import { jsonResponse } from '#http/responses.ts';

/** GET /health: answers once the function can run at all; load balancers and the local runtime poll it. */
export const handler = apiHandler(async () => jsonResponse(200, { status: 'ok' }));
