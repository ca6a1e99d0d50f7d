import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PartnerKey, PartnerKeyStore } from '#domain/partner-keys.ts';
import { documentClient, isConditionFailure } from './document-client.ts';
import { registryKeys } from './keys.ts';

interface PartnerKeyItem extends PartnerKey {
  readonly sk: string;
}

function toKey(item: PartnerKeyItem): PartnerKey {
  return {
    keyId: item.keyId,
    partnerId: item.partnerId,
    createdAt: item.createdAt,
    ...(item.revokedAt ? { revokedAt: item.revokedAt } : {}),
  };
}

/**
 * Partner keys in the registry table, one item per key under its digest: a check is one GetItem, and a key
 * id (the digest's start) finds its item with one Query of the partition, never a scan of the table.
 */
export class DynamoPartnerKeyStore implements PartnerKeyStore {
  constructor(private readonly tableName: string) {}

  async find(digest: string): Promise<PartnerKey | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.tableName, Key: registryKeys.partnerKey(digest) }),
    );
    return Item ? toKey(Item as PartnerKeyItem) : undefined;
  }

  async add(digest: string, key: PartnerKey): Promise<void> {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...registryKeys.partnerKey(digest), ...key },
          // A key stored before keeps its first record, revocation included.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async revoke(keyId: string, at: string): Promise<boolean> {
    const items = await this.query('begins_with(sk, :id)', { ':id': keyId });
    const item = items.find((candidate) => candidate.keyId === keyId);
    if (!item) return false;
    await documentClient().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: registryKeys.partnerKey(item.sk),
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  }

  async list(partnerId?: string): Promise<PartnerKey[]> {
    const items = await this.query();
    return items
      .filter((item) => partnerId === undefined || item.partnerId === partnerId)
      .map(toKey)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  private async query(condition?: string, values: Record<string, string> = {}): Promise<PartnerKeyItem[]> {
    const items: PartnerKeyItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: `pk = :pk${condition ? ` AND ${condition}` : ''}`,
          ExpressionAttributeValues: { ':pk': registryKeys.allPartnerKeys, ...values },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((page.Items ?? []) as PartnerKeyItem[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
