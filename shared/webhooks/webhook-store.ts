import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { registryKeys } from '#adapters/dynamodb/keys.ts';
import type { PartnerWebhook, PartnerWebhookStore } from './partner-webhook.ts';

/** Partner webhooks in the registry table, one item per partner. */
export class DynamoPartnerWebhookStore implements PartnerWebhookStore {
  constructor(private readonly tableName: string) {}

  async get(partnerId: string): Promise<PartnerWebhook | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.tableName, Key: registryKeys.partnerWebhook(partnerId) }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ...webhook } = Item;
    return webhook as PartnerWebhook;
  }

  async put(webhook: PartnerWebhook): Promise<void> {
    await documentClient().send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...registryKeys.partnerWebhook(webhook.partnerId), ...webhook },
      }),
    );
  }
}
