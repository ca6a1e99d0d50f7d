import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Issue } from '#domain/issue.ts';
import type { CaseListing, RequestQuery } from '#open311/listing.ts';
import { batchGetAll } from './batch-get.ts';
import { documentClient } from './document-client.ts';
import { issueOfItem } from './issue-item.ts';
import { BY_CATEGORY_INDEX, caseKeys, categoryIndexKeys } from './keys.ts';

type Window = Extract<RequestQuery, { kind: 'window' }>;

/**
 * Cases for Open311 through the category index (`<open|closed>#<createdAt>#<id>` per category): one Query per
 * code and state, each at most a page long, merged newest first; the cases come from one batch read.
 */
export class DynamoCaseListing implements CaseListing {
  constructor(private readonly tableName: string) {}

  async byIds(ids: readonly string[]): Promise<Issue[]> {
    const items = await batchGetAll(
      this.tableName,
      ids.map((id) => caseKeys.issue(id)),
      { consistentRead: false },
    );
    const issues = items.flatMap((item) => issueOfItem(item) ?? []);
    const byId = new Map(issues.map((issue) => [issue.id, issue]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async inWindow(query: Window): Promise<Issue[]> {
    const queries = query.codes.flatMap((code) => query.states.map((state) => this.page(code, state, query)));
    const entries = (await Promise.all(queries)).flat();
    const newest = entries
      .map((entry) => ({ ...entry, created: entry.sk.slice(entry.sk.indexOf('#') + 1) }))
      .sort((a, b) => b.created.localeCompare(a.created))
      .slice(0, query.limit);
    const issues = await this.byIds(newest.map((entry) => entry.id));
    // A case may have closed between the index read and the batch read.
    const states = new Set<string>(query.states);
    return issues.filter((issue) => states.has(categoryIndexKeys.state(issue.status)));
  }

  private async page(code: string, state: 'open' | 'closed', query: Window) {
    const range = categoryIndexKeys.range(state, query.from, query.to);
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: BY_CATEGORY_INDEX,
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': categoryIndexKeys.partition(code),
          ':from': range.from,
          ':to': range.to,
        },
        ScanIndexForward: false,
        Limit: query.limit,
      }),
    );
    return Items.map((item) => ({
      sk: String(item.gsi2sk),
      id: String(item.gsi2sk).split('#').at(-1) ?? '',
    }));
  }
}
