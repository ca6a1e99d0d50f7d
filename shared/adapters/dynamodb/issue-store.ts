import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
} from './issue-item.ts';
import { caseKeys, categoryIndexKeys, contactKeys, gridIndexKeys, streetIndexKeys } from './keys.ts';

function toStored(item: Record<string, unknown>): StoredIssue {
  const issue = issueOfItem(item);
  if (!issue) throw new Error(`Item ${String(item.pk)} holds no issue`);
  const token = item.workflowToken;
  const coHandlerTokens: Record<number, string> = {};
  for (const [name, value] of Object.entries(item)) {
    const seq = CO_HANDLER_TOKEN.exec(name)?.[1];
    if (seq && typeof value === 'string') coHandlerTokens[Number(seq)] = value;
  }
  return {
    issue,
    workflowToken: typeof token === 'string' ? token : undefined,
    ...(Object.keys(coHandlerTokens).length > 0 ? { coHandlerTokens } : {}),
  };
}

/** Each co-handler's wait keeps its token in an attribute of its own: parallel waits never contend for one. */
const CO_HANDLER_TOKEN = /^workflowToken(\d+)$/;

/**
 * Issues in DynamoDB. The issue document (packed: issue-item.ts), its version and the workflow token are
 * separate attributes so that each writer sets only its own: a decision never overwrites a token the
 * workflow stored a moment before, and vice versa.
 */
export class DynamoIssueStore implements IssueStore {
  constructor(private readonly tableName: string) {}

  async get(id: string): Promise<StoredIssue | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.tableName, Key: caseKeys.issue(id), ConsistentRead: true }),
    );
    return Item ? toStored(Item) : undefined;
  }

  async create(issue: Issue, search: { contactKey?: string | undefined } = {}): Promise<boolean> {
    // Written before the case so that no stored case lacks its entry; an entry whose case was never stored
    // points at nothing, and readers skip it.
    if (search.contactKey) {
      await documentClient().send(
        new PutCommand({
          TableName: this.tableName,
          Item: contactKeys.entry(search.contactKey, issue.createdAt, issue.id),
        }),
      );
    }
    try {
      await documentClient().send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...caseKeys.issue(issue.id),
            ...gridIndexKeys.of(issue),
            ...categoryIndexKeys.of(issue),
            ...streetIndexKeys.of(issue),
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
    const index = gridIndexKeys.of(issue);
    const byCategory = categoryIndexKeys.of(issue);
    const byStreet = streetIndexKeys.of(issue);
    try {
      const { Attributes } = await documentClient().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKeys.issue(issue.id),
          // A case stored before packing sheds its plain copy at its next write.
          UpdateExpression: `SET ${PACKED_ATTRIBUTE} = :packed, version = :version, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk, gsi3pk = :gsi3pk, gsi3sk = :gsi3sk${
            workflowToken ? ', workflowToken = :token' : ''
          } REMOVE ${PLAIN_ATTRIBUTE}`,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: {
            ':packed': packIssue(issue),
            ':version': issue.version,
            ':gsi1pk': index.gsi1pk,
            ':gsi1sk': index.gsi1sk,
            ':gsi2pk': byCategory.gsi2pk,
            ':gsi2sk': byCategory.gsi2sk,
            ':gsi3pk': byStreet.gsi3pk,
            ':gsi3sk': byStreet.gsi3sk,
            ':expected': expectedVersion,
            ...(workflowToken ? { ':token': workflowToken } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toStored(Attributes ?? {});
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConcurrentUpdateError(`Issue ${issue.id} changed since version ${expectedVersion}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async setWorkflowToken(id: string, token: string, coHandlerSeq?: number): Promise<StoredIssue> {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: caseKeys.issue(id),
        UpdateExpression: 'SET #token = :token',
        ExpressionAttributeNames: { '#token': `workflowToken${coHandlerSeq ?? ''}` },
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':token': token },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toStored(Attributes ?? {});
  }
}
