import { createNotifier } from '#adapters/notify/create-notifier.ts';
import type { Notifier } from '#ports';

/** The stage's notification channels (NOTIFIER); the SDK client of each channel is loaded only if it is used. */
export const notifier = (): Promise<Notifier> => createNotifier();
