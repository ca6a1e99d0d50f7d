import { logger } from '#adapters/logger.ts';
import { businessMetrics } from '#adapters/metrics.ts';
import type { Notification, Notifier, Registry } from '#ports';
import type { Contact } from './contact-messages.ts';
import { budgetOf, type SendBudget } from './send-budget.ts';

/** One way to reach people (SMS, e-mail). */
export interface Channel {
  readonly name: string;
  /** Sends to the contact's address for this channel; false when the contact has none. */
  deliver(notification: Notification, contact: Contact): Promise<boolean>;
}

/**
 * Errors that concern one message or address (a malformed number, a rejected mailbox, text the client cannot
 * serialize): retrying cannot help and failing the step would stop the case, so they are logged, counted and
 * the case moves on. Every other error (throttling, permissions, an unverified sender) is thrown, so Step
 * Functions retries and the alarms fire.
 */
const UNDELIVERABLE = new Set([
  // The SNS client URL-encodes the message before sending; a lone surrogate makes that throw.
  'URIError',
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
    private readonly budget: SendBudget,
  ) {}

  async send(notification: Notification): Promise<void> {
    const contact = await this.contactOf(notification);
    const fields = { notificationId: notification.id, to: notification.to };
    if (!contact) {
      logger.warn('notification not sent: unknown recipient', fields);
      return;
    }
    if (!(await this.mayReach(notification, contact))) return;
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

  /**
   * A resident's contact gets only messages about their own case, and no recipient more than the send limits
   * allow: over the limit a message is held (logged and counted, not sent). A held task message leaves the
   * case to its deadline, which escalates it as if the link had gone unanswered.
   */
  private async mayReach(notification: Notification, contact: Contact): Promise<boolean> {
    const fields = { notificationId: notification.id, to: notification.to };
    const reporterOf = notification.to.startsWith('reporter:') ? notification.to.slice(9) : undefined;
    if (reporterOf !== undefined && !notification.id.startsWith(`${reporterOf}:`)) {
      logger.error("notification refused: not about the resident's own case", fields);
      return false;
    }
    const { key, limit, windowSeconds } = budgetOf(notification, contact);
    if (await this.budget.take(key, limit, windowSeconds)) return true;
    logger.warn('notification held: over the send limit', { ...fields, limit, windowSeconds });
    businessMetrics.count('HeldMessage');
    return false;
  }

  private async contactOf(notification: Notification): Promise<Contact | undefined> {
    if (notification.to.startsWith('reporter:')) return notification.contact;
    const person = await this.registry.getPerson(notification.to);
    return person && { phone: person.phone, email: person.email };
  }
}
