import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Issue } from '#domain/issue.ts';
import type { OpenCaseIndex } from '#ports';
import { batchGetAll } from './batch-get.ts';
import { documentClient } from './document-client.ts';
import { issueOfItem } from './issue-item.ts';
import { BY_GRID_INDEX, gridIndexKeys } from './keys.ts';

/**
 * Open cases per grid through the grid index: open ones sort first (`open#<createdAt>#<id>`), so no filter.
 * The index holds keys only (cheap to keep up to date), so the cases themselves come from one batch read.
 */
export class DynamoOpenCaseIndex implements OpenCaseIndex {
  constructor(private readonly tableName: string) {}

  async openCases(gridId: string): Promise<Issue[]> {
    const keys: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: BY_GRID_INDEX,
          KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :open)',
          ExpressionAttributeValues: {
            ':pk': gridIndexKeys.partition(gridId),
            ':open': gridIndexKeys.openPrefix,
          },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) keys.push({ pk: item.pk, sk: item.sk });
      start = page.LastEvaluatedKey;
    } while (start);
    const items = await batchGetAll(this.tableName, keys, { consistentRead: false });
    const issues = items.flatMap((item) => issueOfItem(item) ?? []);
    // A case may have closed between the index read and the batch read; the list is of open cases only.
    const open = issues.filter((issue) => issue.status !== 'closed');
    return open.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }
}
