import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ClosedCaseIndex } from '#ports';
import { documentClient } from './document-client.ts';
import { BY_GRID_INDEX, gridIndexKeys } from './keys.ts';

/**
 * Closed cases with contacts kept, per grid, through the grid index (`closed#<createdAt>#<id>`): a key
 * condition bounds the read to cases old enough to be due, and erased ones have left the range (`erased#`).
 */
export class DynamoClosedCaseIndex implements ClosedCaseIndex {
  constructor(private readonly tableName: string) {}

  async *keptContacts(gridId: string, createdUpTo: string): AsyncIterable<string> {
    const range = gridIndexKeys.closedUpTo(createdUpTo);
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: BY_GRID_INDEX,
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': gridIndexKeys.partition(gridId),
            ':from': range.from,
            ':to': range.to,
          },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) yield gridIndexKeys.idOf(item.gsi1sk);
      start = page.LastEvaluatedKey;
    } while (start);
  }
}
