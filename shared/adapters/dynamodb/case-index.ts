import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Issue } from '#domain/issue.ts';
import type { CaseIndex, CaseIndexEntry, CaseIndexSource } from '#ports';
import { batchGetAll } from './batch-get.ts';
import { documentClient } from './document-client.ts';
import { issueOfItem } from './issue-item.ts';
import {
  BY_DEPARTMENT_INDEX,
  BY_GRID_INDEX,
  BY_NUMBER_INDEX,
  BY_STREET_INDEX,
  caseKeys,
  contactKeys,
  departmentIndexKeys,
  gridIndexKeys,
  streetIndexKeys,
} from './keys.ts';

const INDEXES = {
  grid: { name: BY_GRID_INDEX, pk: 'gsi1pk', sk: 'gsi1sk', partition: gridIndexKeys.partition },
  street: { name: BY_STREET_INDEX, pk: 'gsi3pk', sk: 'gsi3sk', partition: streetIndexKeys.partition },
  department: {
    name: BY_DEPARTMENT_INDEX,
    pk: 'gsi4pk',
    sk: 'gsi4sk',
    partition: departmentIndexKeys.partition,
  },
} as const;

// '~' sorts after every character of an ISO time and an issue id.
const HIGHEST = '~';

/**
 * The workbench's reads through the keys-only indexes (`<open|closed>#<createdAt>#<id>` per grid, street or
 * department):
 * one Query per source, bounded by its limit, then one batch read of the cases.
 */
export class DynamoCaseIndex implements CaseIndex {
  constructor(private readonly tableName: string) {}

  async newest(
    source: CaseIndexSource,
    range: { from?: string | undefined; to?: string | undefined; before?: string | undefined },
    limit: number,
  ): Promise<CaseIndexEntry[]> {
    // A grid's closed cases whose contacts were erased moved to `erased#` (retention): still closed cases.
    const prefixes =
      source.kind === 'grid' && source.state === 'closed' ? ['closed', 'erased'] : [source.state];
    const pages = await Promise.all(prefixes.map((prefix) => this.positions(source, prefix, range, limit)));
    return pages
      .flat()
      .sort((a, b) => b.localeCompare(a))
      .filter((position) => position !== range.before)
      .slice(0, limit)
      .map((position) => ({ position, id: position.split('#').at(-1) ?? '' }));
  }

  /** Up to `limit + 1` positions (`<createdAt>#<id>`) under one sort-key prefix of a source, newest first. */
  private async positions(
    source: CaseIndexSource,
    prefix: string,
    range: { from?: string | undefined; to?: string | undefined; before?: string | undefined },
    limit: number,
  ): Promise<string[]> {
    const index = INDEXES[source.kind];
    const upper = [range.to ? `${range.to}${HIGHEST}` : HIGHEST, range.before ?? HIGHEST].sort()[0];
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: `${index.pk} = :pk AND ${index.sk} BETWEEN :from AND :to`,
        ExpressionAttributeValues: {
          ':pk': index.partition(source.id),
          ':from': `${prefix}#${range.from ?? ''}`,
          ':to': `${prefix}#${upper}`,
        },
        ScanIndexForward: false,
        // BETWEEN includes the cursor's own entry, which the previous page already had.
        Limit: limit + 1,
      }),
    );
    return Items.map((item) => String(item[index.sk]).slice(prefix.length + 1));
  }

  async byIds(ids: readonly string[]): Promise<Issue[]> {
    const items = await batchGetAll(
      this.tableName,
      ids.map((id) => caseKeys.issue(id)),
      { consistentRead: false },
    );
    const byId = new Map(items.flatMap((item) => issueOfItem(item) ?? []).map((issue) => [issue.id, issue]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async byNumber(caseNumber: string): Promise<Issue | undefined> {
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: BY_NUMBER_INDEX,
        KeyConditionExpression: 'caseNumber = :number',
        ExpressionAttributeValues: { ':number': caseNumber },
        Limit: 1,
      }),
    );
    const id = Items[0] ? String(Items[0].pk).slice(caseKeys.issue('').pk.length) : undefined;
    return id ? (await this.byIds([id]))[0] : undefined;
  }

  async byContact(contactKey: string, limit: number): Promise<Issue[]> {
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': contactKeys.partition(contactKey) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return this.byIds(Items.map((item) => contactKeys.caseIdOf(item)));
  }
}
