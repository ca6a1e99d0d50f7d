import { registry } from '#adapters/wiring/registry.ts';
import { createDeps } from '#adapters/wiring.ts';
import { apiHandler } from '#http/api-handler.ts';
import { validate } from '#http/request-body.ts';
import type { AddressSuggestions } from '#http/response-schemas.ts';
import { jsonResponse } from '#http/responses.ts';
import { addressQuery } from '#http/schemas.ts';
import { suggestAddresses } from '#use-cases/suggest-addresses.ts';

const deps = await createDeps({ registry });

/** GET /addresses?q=: registered addresses matching what a resident typed, for the report form's suggestions. */
export const handler = apiHandler(async (event) => {
  const { q } = validate(addressQuery, event.queryStringParameters ?? {});
  const answer = await suggestAddresses(deps, q);
  // Registry data changes with an import, rarely; a minute of caching spares keystrokes that repeat.
  return jsonResponse(200, answer satisfies AddressSuggestions, { 'cache-control': 'public, max-age=60' });
});
