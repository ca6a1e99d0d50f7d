import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyStore } from '#ports';
import { documentClient, isConditionFailure } from './document-client.ts';
import { caseKeys } from './keys.ts';

/** How long a key is remembered; retries come within minutes, a day is generous. */
const KEY_LIFETIME_SECONDS = 24 * 3600;

/** Idempotency keys as conditional puts: the first request to claim a key owns it. */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly tableName: string) {}

  async claim(key: string, requestHash: string, issueId: string) {
    const now = Math.floor(Date.now() / 1000);
    try {
      await documentClient().send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...caseKeys.idempotency(key), requestHash, issueId, expiresAt: now + KEY_LIFETIME_SECONDS },
          // An expired claim may be taken over: TTL deletion is lazy on AWS and absent locally.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.tableName, Key: caseKeys.idempotency(key), ConsistentRead: true }),
    );
    return { requestHash: String(Item?.requestHash), issueId: String(Item?.issueId) };
  }
}
