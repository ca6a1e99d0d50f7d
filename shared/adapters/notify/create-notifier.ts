import { ConfigError, readSettings } from '#adapters/config.ts';
import { DynamoRegistry } from '#adapters/dynamodb/registry-store.ts';
import type { Notifier } from '#ports';
import type { Channel } from './contact-notifier.ts';
import { ContactNotifier } from './contact-notifier.ts';
import { OutboxNotifier } from './outbox-notifier.ts';

/**
 * The notifier the stage chose in NOTIFIER: the outbox (local runs, trials), SMS, e-mail, or both. The SDK
 * clients are imported only when used, so functions of an outbox stage never evaluate them.
 */
export async function createNotifier(env = process.env): Promise<Notifier> {
  const { NOTIFIER } = readSettings(['NOTIFIER'], env);
  if (NOTIFIER === 'outbox') return new OutboxNotifier(readSettings(['CASES_TABLE'], env).CASES_TABLE);
  const channels: Channel[] = [];
  if (NOTIFIER.includes('sns-sms')) {
    const [{ SNSClient }, { SnsSmsChannel }] = await Promise.all([
      import('@aws-sdk/client-sns'),
      import('./sns-sms-channel.ts'),
    ]);
    channels.push(new SnsSmsChannel(new SNSClient({})));
  }
  if (NOTIFIER.includes('ses-email')) {
    const { NOTIFY_EMAIL_FROM } = readSettings(['NOTIFY_EMAIL_FROM'], env);
    if (!NOTIFY_EMAIL_FROM) throw new ConfigError('Invalid configuration: NOTIFY_EMAIL_FROM is required');
    const [{ SESv2Client }, { SesEmailChannel }] = await Promise.all([
      import('@aws-sdk/client-sesv2'),
      import('./ses-email-channel.ts'),
    ]);
    channels.push(new SesEmailChannel(new SESv2Client({}), NOTIFY_EMAIL_FROM));
  }
  return new ContactNotifier(
    new DynamoRegistry(readSettings(['REGISTRY_TABLE'], env).REGISTRY_TABLE),
    channels,
  );
}
