import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, isConditionFailure } from '#adapters/dynamodb/document-client.ts';
import type { Notification } from '#ports';
import type { Contact } from './contact-messages.ts';

/** Counts sends per window; `take` is false once the window's limit is reached. */
export interface SendBudget {
  take(key: string, limit: number, windowSeconds: number): Promise<boolean>;
}

/**
 * The bounds on what one recipient can be sent, so a flood of reports cannot become an SMS bill or a way
 * to send text to strangers: a person from the registry gets at most `perPersonHourly` messages an hour; a
 * resident's unconfirmed phone or e-mail at most `perContactDaily` a day, whatever case they come from.
 */
export const SEND_LIMITS = {
  perPersonHourly: 20,
  perContactDaily: 3,
} as const;

/** The budget a notification draws on: the person's hourly one, or the resident contact's daily one. */
export function budgetOf(notification: Notification, contact: Contact) {
  if (!notification.to.startsWith('reporter:')) {
    return { key: `person:${notification.to}`, limit: SEND_LIMITS.perPersonHourly, windowSeconds: 3600 };
  }
  // Hashed: the table keeps no readable phone number or address for a counter.
  const address = `${contact.phone?.replace(/\D/g, '').slice(-11) ?? ''}|${contact.email?.toLowerCase() ?? ''}`;
  const hash = createHash('sha256').update(address).digest('base64url').slice(0, 22);
  return { key: `contact:${hash}`, limit: SEND_LIMITS.perContactDaily, windowSeconds: 86_400 };
}

/** A send budget in the cases table: one counter item per key and window, gone a day after the window. */
export class DynamoSendBudget implements SendBudget {
  constructor(
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string, limit: number, windowSeconds: number): Promise<boolean> {
    const seconds = Math.floor(this.now() / 1000);
    const window = seconds - (seconds % windowSeconds);
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `SENDS#${key}`, sk: String(window) },
          UpdateExpression: 'ADD sent :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(sent) OR sent < :limit',
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':expires': window + windowSeconds + 86_400,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
