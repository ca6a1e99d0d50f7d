import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import type { IssueStore, StoredIssue } from '#ports';
import { documentClient, isConditionFailure } from './document-client.ts';
import { caseKeys, categoryIndexKeys, gridIndexKeys } from './keys.ts';

interface IssueItem {
  doc: Issue;
  version: number;
  workflowToken?: string;
}

function toStored(item: IssueItem): StoredIssue {
  return { issue: item.doc, workflowToken: item.workflowToken };
}

/**
 * Issues in DynamoDB. The issue document, its version and the workflow token are
 * separate attributes so that each writer sets only its own: a decision never overwrites a token the
 * workflow stored a moment before, and vice versa.
 */
export class DynamoIssueStore implements IssueStore {
  constructor(private readonly tableName: string) {}

  async get(id: string): Promise<StoredIssue | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.tableName, Key: caseKeys.issue(id), ConsistentRead: true }),
    );
    return Item ? toStored(Item as IssueItem) : undefined;
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
            doc: issue,
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
    try {
      const { Attributes } = await documentClient().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKeys.issue(issue.id),
          UpdateExpression: `SET doc = :doc, version = :version, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk${
            workflowToken ? ', workflowToken = :token' : ''
          }`,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: {
            ':doc': issue,
            ':version': issue.version,
            ':gsi1pk': index.gsi1pk,
            ':gsi1sk': index.gsi1sk,
            ':gsi2pk': byCategory.gsi2pk,
            ':gsi2sk': byCategory.gsi2sk,
            ':expected': expectedVersion,
            ...(workflowToken ? { ':token': workflowToken } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toStored(Attributes as IssueItem);
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
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: caseKeys.issue(id),
        UpdateExpression: 'SET workflowToken = :token',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':token': token },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toStored(Attributes as IssueItem);
  }
}
