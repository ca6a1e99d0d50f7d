import { categories } from '#adapters/wiring/categories.ts';
import { publicUrl } from '#adapters/wiring/public-url.ts';
import { createDeps } from '#adapters/wiring.ts';
import { discoveryOf } from '#open311/discovery.ts';
import { listResponse, Open311Error, recordResponse, splitFormat } from '#open311/format.ts';
import { open311Handler } from '#open311/handler.ts';
import { quoted } from '#open311/listing.ts';
import { serviceDefinitionOf, serviceOf } from '#open311/services.ts';

const deps = await createDeps({ publicUrl, categories });

/**
 * Open311 GET discovery.{fmt}, services.{fmt} and services/{service_code}.{fmt}: the endpoint, the categories
 * as services, and one category's attributes.
 */
export const handler = open311Handler(async (event) => {
  const format = event.rawPath.endsWith('.json') ? 'json' : 'xml';
  if (event.routeKey.includes('/discovery.')) {
    return recordResponse(format, 'discovery', discoveryOf(deps.publicUrl));
  }
  const categories = await deps.categories.current();
  const segment = event.pathParameters?.service_code;
  if (segment === undefined) return listResponse(format, 'services', 'service', categories.map(serviceOf));
  const asked = splitFormat(segment);
  if (!asked) throw new Open311Error(404, 'Name the format: services/<service_code>.xml or .json.');
  const category = categories.find((candidate) => candidate.code === asked.name);
  if (!category) throw new Open311Error(404, `Unknown service_code: ${quoted(asked.name)}.`);
  return recordResponse(asked.format, 'service_definition', serviceDefinitionOf(category));
});
