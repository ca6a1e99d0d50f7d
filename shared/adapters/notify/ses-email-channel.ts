import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Notification } from '#ports';
import { type Contact, emailInput } from './contact-messages.ts';
import type { Channel } from './contact-notifier.ts';

/**
 * SES v2 SendEmail, as the notifier wires it (`ses.send(new SendEmailCommand(input))`; a stub in tests). The
 * channel never imports the SDK itself: a bundle then loads the SES client only in stages that send e-mail.
 */
export type SesSendEmail = (input: SendEmailCommandInput) => Promise<unknown>;

/** E-mail through SES v2 SendEmail from one verified sender. SES takes no idempotency key: at least once. */
export class SesEmailChannel implements Channel {
  readonly name = 'email';

  constructor(
    private readonly sendEmail: SesSendEmail,
    private readonly from: string,
  ) {}

  async deliver(notification: Notification, contact: Contact): Promise<boolean> {
    if (!contact.email) return false;
    await this.sendEmail(emailInput(notification, contact.email, this.from));
    return true;
  }
}
