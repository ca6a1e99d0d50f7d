import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Notification } from '#ports';
import { type Contact, emailInput } from './contact-messages.ts';
import type { Channel } from './contact-notifier.ts';

/** The part of an SES v2 client this channel uses (a stub in tests). */
export interface SesSender {
  send(command: SendEmailCommand): Promise<unknown>;
}

/** E-mail through SES v2 SendEmail from one verified sender. SES takes no idempotency key: at least once. */
export class SesEmailChannel implements Channel {
  readonly name = 'email';

  constructor(
    private readonly ses: SesSender,
    private readonly from: string,
  ) {}

  async deliver(notification: Notification, contact: Contact): Promise<boolean> {
    if (!contact.email) return false;
    await this.ses.send(new SendEmailCommand(emailInput(notification, contact.email, this.from)));
    return true;
  }
}
