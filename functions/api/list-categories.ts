import { categories } from '#adapters/wiring/categories.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { jsonResponse } from '#http/responses.ts';

const deps = await createDeps({ categories });

/** GET /categories: what residents can report and how fast each must be handled. */
export const handler = apiHandler(async () => {
  const items = (await deps.categories.current()).map(
    ({ code, name, nameEn, urgent, timeBasis, deadlines }) => ({
      code,
      name,
      nameEn,
      urgent,
      timeBasis,
      deadlines,
    }),
  );
  return jsonResponse(200, { items }, { 'cache-control': 'public, max-age=300' });
});
