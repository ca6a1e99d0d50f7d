import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseNumbers } from '#ports';
import { documentClient } from './document-client.ts';
import { caseKeys } from './keys.ts';

/** A day's counter is read for that day only; a week later it can go (TTL, advisory as everywhere). */
const COUNTER_LIFETIME_SECONDS = 7 * 24 * 3600;

/** Daily case-number sequences as one counter item per prefix and day, each number one atomic ADD. */
export class DynamoCaseNumbers implements CaseNumbers {
  constructor(private readonly tableName: string) {}

  async next(prefix: string, day: string): Promise<number> {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: caseKeys.caseNumberCounter(prefix, day),
        UpdateExpression: 'ADD seq :one SET expiresAt = :expires',
        ExpressionAttributeValues: {
          ':one': 1,
          ':expires': Math.floor(Date.now() / 1000) + COUNTER_LIFETIME_SECONDS,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.seq);
  }
}
