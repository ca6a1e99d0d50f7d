import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { Issue } from '#domain/issue.ts';
import type { CountedSnapshot } from '#domain/stats.ts';
import type { IssueStore, StoredIssue } from '#ports';
import { documentClient, isConditionFailure } from './document-client.ts';
import { caseKeys, gridIndexKeys } from './keys.ts';

interface IssueItem {
  doc: Issue;
  version: number;
  workflowToken?: string;
  counted?: CountedSnapshot;
  countedVersion?: number;
}

function toStored(item: IssueItem): StoredIssue {
  return {
    issue: item.doc,
    workflowToken: item.workflowToken,
    counted: item.counted,
    countedVersion: item.countedVersion ?? 0,
  };
}

/**
 * Issues in DynamoDB. The issue document, its version, the workflow token and the counted snapshot are
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
    try {
      const { Attributes } = await documentClient().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKeys.issue(issue.id),
          UpdateExpression: `SET doc = :doc, version = :version, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk${
            workflowToken ? ', workflowToken = :token' : ''
          }`,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: {
            ':doc': issue,
            ':version': issue.version,
            ':gsi1pk': index.gsi1pk,
            ':gsi1sk': index.gsi1sk,
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

  async markCounted(id: string, snapshot: CountedSnapshot, expectedCountedVersion: number): Promise<void> {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKeys.issue(id),
          UpdateExpression: 'SET counted = :snapshot, countedVersion = :next',
          ConditionExpression: 'attribute_not_exists(countedVersion) OR countedVersion = :expected',
          ExpressionAttributeValues: {
            ':snapshot': snapshot,
            ':next': expectedCountedVersion + 1,
            ':expected': expectedCountedVersion,
          },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConcurrentUpdateError(`Counters of ${id} were synced concurrently`, { cause: error });
      }
      throw error;
    }
  }
}
