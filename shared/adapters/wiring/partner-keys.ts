import { readSettings } from '#adapters/config.ts';
import { DynamoPartnerKeyStore } from '#adapters/dynamodb/partner-key-store.ts';
import type { PartnerKeyStore } from '#domain/partner-keys.ts';

/** Partner API keys, in the registry table (REGISTRY_TABLE). */
export const partnerKeys = (): PartnerKeyStore =>
  new DynamoPartnerKeyStore(readSettings(['REGISTRY_TABLE']).REGISTRY_TABLE);
