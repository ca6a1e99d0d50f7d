import type { Record311 } from './format.ts';

/** Where Open311 GeoReport v2 lives under the API's base URL; clients append `services.xml` and the like. */
export const OPEN311_BASE_PATH = '/open311/v2';

/** The spec this endpoint follows, as service discovery names it. */
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** When this endpoint's behaviour last changed (discovery's `changeset`). */
const CHANGESET = '2026-11-30T00:00:00Z';

/** The service discovery document: one production GeoReport v2 endpoint, in XML and JSON. */
export function discoveryOf(publicUrl: string): Record311 {
  return {
    changeset: CHANGESET,
    contact: 'The district’s grid-governance office (see the API documentation)',
    key_service: 'API keys are issued to partners by the district’s operations team.',
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${publicUrl.replace(/\/+$/, '')}${OPEN311_BASE_PATH}/`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
