import { PublishCommand } from '@aws-sdk/client-sns';
import type { Notification } from '#ports';
import { type Contact, e164, smsPublishInput } from './contact-messages.ts';
import type { Channel } from './contact-notifier.ts';

/** The part of an SNS client this channel uses (a stub in tests). */
export interface SnsSender {
  send(command: PublishCommand): Promise<unknown>;
}

/** SMS through SNS Publish to a phone number. SNS offers no deduplication for SMS: at least once. */
export class SnsSmsChannel implements Channel {
  readonly name = 'sms';

  constructor(private readonly sns: SnsSender) {}

  async deliver(notification: Notification, contact: Contact): Promise<boolean> {
    const phone = contact.phone ? e164(contact.phone) : undefined;
    if (!phone) return false;
    await this.sns.send(new PublishCommand(smsPublishInput(notification, phone)));
    return true;
  }
}
