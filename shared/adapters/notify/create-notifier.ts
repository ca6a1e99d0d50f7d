import { ConfigError, readSettings } from '#adapters/config.ts';
import { DynamoRegistry } from '#adapters/dynamodb/registry-store.ts';
import type { Notifier } from '#ports';
import type { Channel } from './contact-notifier.ts';
import { ContactNotifier } from './contact-notifier.ts';
import { OutboxNotifier } from './outbox-notifier.ts';
import { DynamoSendBudget } from './send-budget.ts';
import { SesEmailChannel } from './ses-email-channel.ts';
import { SnsSmsChannel } from './sns-sms-channel.ts';

/**
 * The notifier the stage chose in NOTIFIER: the outbox (local runs, trials), SMS, e-mail, or both. The SDK
 * clients are imported only when used, so functions of an outbox stage never evaluate them.
 */
export async function createNotifier(env = process.env): Promise<Notifier> {
  const { NOTIFIER } = readSettings(['NOTIFIER'], env);
  if (NOTIFIER === 'outbox') {
    const { CASES_TABLE, OUTBOX_LINKS } = readSettings(['CASES_TABLE', 'OUTBOX_LINKS'], env);
    return new OutboxNotifier(CASES_TABLE, { storeLinks: OUTBOX_LINKS === 'full' });
  }
  const channels: Channel[] = [];
  // The SDK clients are imported here, dynamically, and nowhere else: a bundle evaluates them only when the
  // stage uses the channel, and a stage without it can leave them out of the bundle altogether.
  if (NOTIFIER.includes('sns-sms')) {
    const { SNSClient, PublishCommand } = await import('@aws-sdk/client-sns');
    const sns = new SNSClient({});
    channels.push(new SnsSmsChannel((input) => sns.send(new PublishCommand(input))));
  }
  if (NOTIFIER.includes('ses-email')) {
    const { NOTIFY_EMAIL_FROM } = readSettings(['NOTIFY_EMAIL_FROM'], env);
    if (!NOTIFY_EMAIL_FROM) throw new ConfigError('Invalid configuration: NOTIFY_EMAIL_FROM is required');
    const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
    const ses = new SESv2Client({});
    channels.push(new SesEmailChannel((input) => ses.send(new SendEmailCommand(input)), NOTIFY_EMAIL_FROM));
  }
  const tables = readSettings(['REGISTRY_TABLE', 'CASES_TABLE'], env);
  return new ContactNotifier(
    new DynamoRegistry(tables.REGISTRY_TABLE),
    channels,
    new DynamoSendBudget(tables.CASES_TABLE),
  );
}
