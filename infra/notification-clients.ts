import type { NotifierChoice } from '#contract/template.ts';

/** Loaded on demand by the SMS and e-mail channels only (see shared/adapters/notify/create-notifier.ts). */
const NOTIFICATION_CLIENTS = { 'sns-sms': '@aws-sdk/client-sns', 'ses-email': '@aws-sdk/client-sesv2' };

/** The notification clients a bundle leaves out: those of every channel the stage does not use (all, if none). */
export function unusedNotificationClients(notifier?: NotifierChoice): string[] {
  return Object.entries(NOTIFICATION_CLIENTS)
    .filter(([channel]) => !notifier?.includes(channel))
    .map(([, client]) => client);
}
