import { loadLinkKey } from '#adapters/link-key.ts';
import type { Keys } from '#ports';

/** The link key, from Secrets Manager (LINK_KEY_SECRET_ARN) or given directly on a local run (LINK_KEY). */
export const keys = (): Promise<Keys> => loadLinkKey();
