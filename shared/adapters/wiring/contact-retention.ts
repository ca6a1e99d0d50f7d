import { readSettings } from '#adapters/config.ts';

/** How long contacts are kept after a case closes (CONTACT_RETENTION, ISO 8601), checked at cold start. */
export const contactRetention = (): string => readSettings(['CONTACT_RETENTION']).CONTACT_RETENTION;
