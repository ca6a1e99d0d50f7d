import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import type { IssueStore, StoredIssue } from '#ports';
import { documentClient, isConditionFailure } from './document-client.ts';
import {
  issueOfItem,
  PACKED_ATTRIBUTE,
  PARTNER_ATTRIBUTE,
  PLAIN_ATTRIBUTE,
  packIssue,
  packToken,
  tokenOf,
} from './issue-item.ts';
import { caseKeys, categoryIndexKeys, gridIndexKeys } from './keys.ts';

/** A wait's token cannot outlive its execution (a year at most); TTL then clears what closed cases leave. */
const WAIT_LIFETIME_SECONDS = 366 * 24 * 3600;

/** The stored issue of a case item and its wait item; a case written before waits moved out keeps its token. */
function toStored(item: Record<string, unknown>, wait?: Record<string, unknown>): StoredIssue {
  const issue = issueOfItem(item);
  if (!issue) throw new Error(`Item ${String(item.pk)} holds no issue`);
  return { issue, workflowToken: tokenOf(wait?.token) ?? tokenOf(item.workflowToken) };
}

/**
 * Issues in DynamoDB. The issue document (packed: issue-item.ts) and its version are the case item, which
 * every state change rewrites in one conditional write; the workflow's token is an item of its own beside it
 * (`caseKeys.workflowWait`). Each side writes before it reads the other: a decision saves the case, then reads
 * the token; the workflow stores the token, then reads the case. Whichever comes second sees the first, so a
 * decision made as the workflow parks is never missed (at worst both wake it; a spent token is ignored).
 */
export class DynamoIssueStore implements IssueStore {
  constructor(private readonly tableName: string) {}

  async get(id: string): Promise<StoredIssue | undefined> {
    const { pk } = caseKeys.issue(id);
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      }),
    );
    const item = Items.find((i) => i.sk === caseKeys.issue(id).sk);
    return item
      ? toStored(
          item,
          Items.find((i) => i.sk === caseKeys.workflowWait(id).sk),
        )
      : undefined;
  }

  async create(issue: Issue): Promise<boolean> {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...caseKeys.issue(issue.id),
            ...gridIndexKeys.of(issue),
            ...categoryIndexKeys.of(issue),
            // Top-level for the casesByNumber index; never rewritten, so later saves leave the index alone.
            ...(issue.caseNumber ? { caseNumber: issue.caseNumber } : {}),
            ...(issue.partnerOrder ? { [PARTNER_ATTRIBUTE]: issue.partnerOrder.partnerId } : {}),
            [PACKED_ATTRIBUTE]: packIssue(issue),
            version: issue.version,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async save(issue: Issue, expectedVersion: number, workflowToken?: string): Promise<StoredIssue> {
    if (workflowToken) await this.storeToken(issue.id, workflowToken);
    const index = gridIndexKeys.of(issue);
    const byCategory = categoryIndexKeys.of(issue);
    try {
      const { Attributes } = await documentClient().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKeys.issue(issue.id),
          // A case stored before packing sheds its plain copy at its next write.
          UpdateExpression: `SET ${PACKED_ATTRIBUTE} = :packed, version = :version, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk REMOVE ${PLAIN_ATTRIBUTE}`,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: {
            ':packed': packIssue(issue),
            ':version': issue.version,
            ':gsi1pk': index.gsi1pk,
            ':gsi1sk': index.gsi1sk,
            ':gsi2pk': byCategory.gsi2pk,
            ':gsi2sk': byCategory.gsi2sk,
            ':expected': expectedVersion,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      if (workflowToken) return { issue: toStored(Attributes ?? {}).issue, workflowToken };
      return toStored(Attributes ?? {}, await this.wait(issue.id));
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConcurrentUpdateError(`Issue ${issue.id} changed since version ${expectedVersion}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async setWorkflowToken(id: string, token: string): Promise<StoredIssue> {
    await this.storeToken(id, token);
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.tableName, Key: caseKeys.issue(id), ConsistentRead: true }),
    );
    if (!Item) throw new Error(`No issue ${id} to store a workflow token for`);
    return { issue: toStored(Item).issue, workflowToken: token };
  }

  private async storeToken(id: string, token: string): Promise<void> {
    await documentClient().send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...caseKeys.workflowWait(id),
          token: packToken(token),
          expiresAt: Math.floor(Date.now() / 1000) + WAIT_LIFETIME_SECONDS,
        },
      }),
    );
  }

  private async wait(id: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.tableName, Key: caseKeys.workflowWait(id), ConsistentRead: true }),
    );
    return Item;
  }
}
