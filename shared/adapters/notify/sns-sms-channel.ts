import type { PublishCommandInput } from '@aws-sdk/client-sns';
import type { Notification } from '#ports';
import { type Contact, e164, smsPublishInput } from './contact-messages.ts';
import type { Channel } from './contact-notifier.ts';

/**
 * SNS Publish, as the notifier wires it (`sns.send(new PublishCommand(input))`; a stub in tests). The channel
 * never imports the SDK itself: a bundle then loads the SNS client only in stages that send SMS.
 */
export type SnsPublish = (input: PublishCommandInput) => Promise<unknown>;

/** SMS through SNS Publish to a phone number. SNS offers no deduplication for SMS: at least once. */
export class SnsSmsChannel implements Channel {
  readonly name = 'sms';

  constructor(private readonly publish: SnsPublish) {}

  async deliver(notification: Notification, contact: Contact): Promise<boolean> {
    const phone = contact.phone ? e164(contact.phone) : undefined;
    if (!phone) return false;
    await this.publish(smsPublishInput(notification, phone));
    return true;
  }
}
