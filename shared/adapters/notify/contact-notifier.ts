import { logger } from '#adapters/logger.ts';
import { businessMetrics } from '#adapters/metrics.ts';
import type { Notification, Notifier, Registry } from '#ports';
import type { Contact } from './contact-messages.ts';

/** One way to reach people (SMS, e-mail). */
export interface Channel {
  readonly name: string;
  /** Sends to the contact's address for this channel; false when the contact has none. */
  deliver(notification: Notification, contact: Contact): Promise<boolean>;
}

/**
 * Errors that concern one message or address (a malformed number, a rejected mailbox): retrying cannot help
 * and failing the step would stop the case, so they are logged and the case moves on. Every other error
 * (throttling, permissions, an unverified sender) is thrown, so Step Functions retries and the alarms fire.
 */
const UNDELIVERABLE = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'MessageRejected',
  'BadRequestException',
]);

/**
 * The notifier of a deployed stage: looks up the recipient's contact (the registry for people, the report for
 * a resident) and sends on every configured channel the contact has an address for. Neither SNS SMS nor SES
 * take an idempotency key, so a retried step may send a message twice: delivery is at least once.
 * Logs carry the notification id, recipient id and channel, never an address, number or link.
 */
export class ContactNotifier implements Notifier {
  constructor(
    private readonly registry: Pick<Registry, 'getPerson'>,
    private readonly channels: readonly Channel[],
  ) {}

  async send(notification: Notification): Promise<void> {
    const contact = await this.contactOf(notification);
    const fields = { notificationId: notification.id, to: notification.to };
    if (!contact) {
      logger.warn('notification not sent: unknown recipient', fields);
      return;
    }
    let sent = 0;
    for (const channel of this.channels) {
      try {
        if (await channel.deliver(notification, contact)) {
          sent++;
          logger.info('notification sent', { ...fields, channel: channel.name });
        }
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        if (!UNDELIVERABLE.has(name)) throw error;
        // Only the error's name: its message may quote the address.
        logger.error('notification undeliverable', { ...fields, channel: channel.name, error: name });
        businessMetrics.count('UndeliverableMessage');
      }
    }
    if (sent === 0) logger.warn('notification not sent: no address for any channel', fields);
  }

  private async contactOf(notification: Notification): Promise<Contact | undefined> {
    if (notification.to.startsWith('reporter:')) return notification.contact;
    const person = await this.registry.getPerson(notification.to);
    return person && { phone: person.phone, email: person.email };
  }
}
