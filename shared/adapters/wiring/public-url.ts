import { readSettings } from '#adapters/config.ts';

/** The base of the links people receive (PUBLIC_URL). */
export const publicUrl = (): string => readSettings(['PUBLIC_URL']).PUBLIC_URL;
