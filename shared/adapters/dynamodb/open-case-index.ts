import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Issue } from '#domain/issue.ts';
import type { OpenCaseIndex } from '#ports';
import { documentClient } from './document-client.ts';
import { BY_GRID_INDEX } from './keys.ts';

/** Open cases per grid through the grid index: open ones sort first (`open#<createdAt>#<id>`), so no filter. */
export class DynamoOpenCaseIndex implements OpenCaseIndex {
  constructor(private readonly tableName: string) {}

  async openCases(gridId: string): Promise<Issue[]> {
    const issues: Issue[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: BY_GRID_INDEX,
          KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :open)',
          ExpressionAttributeValues: { ':pk': `GRID#${gridId}`, ':open': 'open#' },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) issues.push(item.doc as Issue);
      start = page.LastEvaluatedKey;
    } while (start);
    return issues;
  }
}
