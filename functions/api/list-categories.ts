import { CATEGORIES } from '#domain/categories.ts';
import { apiHandler } from '#http/api-handler.ts';
import { jsonResponse } from '#http/responses.ts';

const body = {
  items: CATEGORIES.map(({ code, name, nameEn, urgent, timeBasis, deadlines }) => ({
    code,
    name,
    nameEn,
    urgent,
    timeBasis,
    deadlines,
  })),
};

/** GET /categories: what residents can report and how fast each must be handled. */
export const handler = apiHandler(async () =>
  jsonResponse(200, body, { 'cache-control': 'public, max-age=300' }),
);
