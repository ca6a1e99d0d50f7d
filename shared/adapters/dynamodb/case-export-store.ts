import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type CaseExport, type CaseExportStore, EXPORT_LIFETIME_SECONDS } from '#domain/case-export.ts';
import { documentClient, isConditionFailure } from './document-client.ts';
import { caseKeys } from './keys.ts';

/** Export jobs as items of the cases table, each gone (TTL) a couple of days after it was asked for. */
export class DynamoCaseExportStore implements CaseExportStore {
  constructor(private readonly tableName: string) {}

  async create(job: CaseExport): Promise<void> {
    const expiresAt = Math.floor(Date.parse(job.createdAt) / 1000) + EXPORT_LIFETIME_SECONDS;
    await documentClient().send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...caseKeys.caseExport(job.id), ...job, expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<CaseExport | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.tableName, Key: caseKeys.caseExport(id), ConsistentRead: true }),
    );
    // TTL deletion is lazy on AWS and absent locally: an expired item is gone all the same.
    if (!Item || Number(Item.expiresAt) < Date.now() / 1000) return undefined;
    const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...job } = Item;
    return job as CaseExport;
  }

  async finish(
    id: string,
    outcome: Pick<CaseExport, 'status' | 'rows' | 'complete'> & { readonly finishedAt: string },
  ): Promise<void> {
    const fields = Object.entries(outcome).filter(([, value]) => value !== undefined);
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKeys.caseExport(id),
          UpdateExpression: `SET ${fields.map(([name]) => `#${name} = :${name}`).join(', ')}`,
          ConditionExpression: '#status = :running',
          ExpressionAttributeNames: Object.fromEntries(fields.map(([name]) => [`#${name}`, name])),
          ExpressionAttributeValues: {
            ...Object.fromEntries(fields.map(([name, value]) => [`:${name}`, value])),
            ':running': 'running',
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
