import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
import {
  caseKeys,
  categoryIndexKeys,
  coHandlerOfWait,
  contactKeys,
  departmentIndexKeys,
  gridIndexKeys,
  isWaitKey,
  streetIndexKeys,
} from './keys.ts';

/** A wait's token cannot outlive its execution (a year at most); TTL then clears what closed cases leave. */
const WAIT_LIFETIME_SECONDS = 366 * 24 * 3600;

/** The stored issue of a case item and its wait item; a case written before waits moved out keeps its token. */
function toStored(
  item: Record<string, unknown>,
  wait?: Record<string, unknown>,
  coHandlerWaits: ReadonlyMap<number, Record<string, unknown>> = new Map(),
): StoredIssue {
  const issue = issueOfItem(item);
  if (!issue) throw new Error(`Item ${String(item.pk)} holds no issue`);
  const coHandlerTokens: Record<number, string> = {};
  // Cases written before waits moved out keep their tokens as attributes of the case item.
  for (const [name, value] of Object.entries(item)) {
    const seq = CO_HANDLER_TOKEN.exec(name)?.[1];
    const token = tokenOf(value);
    if (seq && token) coHandlerTokens[Number(seq)] = token;
  }
  for (const [seq, wait] of coHandlerWaits) {
    const token = tokenOf(wait.token);
    if (token) coHandlerTokens[seq] = token;
  }
  return {
    issue,
    workflowToken: tokenOf(wait?.token) ?? tokenOf(item.workflowToken),
    ...(Object.keys(coHandlerTokens).length > 0 ? { coHandlerTokens } : {}),
  };
}

/** The stored issue from a case item and the wait items read beside it (any other item is ignored). */
function storedOf(item: Record<string, unknown>, partition: readonly Record<string, unknown>[]): StoredIssue {
  const waits = partition.filter(isWaitKey);
  const coHandlerWaits = new Map<number, Record<string, unknown>>();
  for (const wait of waits) {
    const seq = coHandlerOfWait(wait);
    if (seq !== undefined) coHandlerWaits.set(seq, wait);
  }
  const lead = waits.find((wait) => coHandlerOfWait(wait) === undefined);
  return toStored(item, lead, coHandlerWaits);
}

/** Each co-handler's wait keeps its token in an attribute of its own: parallel waits never contend for one. */
const CO_HANDLER_TOKEN = /^workflowToken(\d+)$/;

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
    const items = await this.partition(id);
    const item = items.find((i) => i.sk === caseKeys.issue(id).sk);
    return item ? storedOf(item, items) : undefined;
  }

  async indexContact(issue: Issue, contactKey: string): Promise<void> {
    await documentClient().send(
      new PutCommand({
        TableName: this.tableName,
        Item: contactKeys.entry(contactKey, issue.createdAt, issue.id),
      }),
    );
  }

  async unindexContact(issue: Issue, contactKey: string): Promise<void> {
    const { pk, sk } = contactKeys.entry(contactKey, issue.createdAt, issue.id);
    await documentClient().send(new DeleteCommand({ TableName: this.tableName, Key: { pk, sk } }));
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
            ...streetIndexKeys.of(issue),
            ...departmentIndexKeys.of(issue),
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
    const byStreet = streetIndexKeys.of(issue);
    // Sparse: set from a case's first transfer on, so a case never transferred writes nothing to that index.
    const byDepartment = departmentIndexKeys.of(issue);
    try {
      const { Attributes } = await documentClient().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKeys.issue(issue.id),
          // A case stored before packing sheds its plain copy at its next write.
          UpdateExpression: `SET ${PACKED_ATTRIBUTE} = :packed, version = :version, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk, gsi3pk = :gsi3pk, gsi3sk = :gsi3sk${byDepartment ? ', gsi4pk = :gsi4pk, gsi4sk = :gsi4sk' : ''} REMOVE ${PLAIN_ATTRIBUTE}`,
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
            ...(byDepartment ? { ':gsi4pk': byDepartment.gsi4pk, ':gsi4sk': byDepartment.gsi4sk } : {}),
            ':expected': expectedVersion,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      if (workflowToken) return { issue: toStored(Attributes ?? {}).issue, workflowToken };
      return storedOf(Attributes ?? {}, await this.partition(issue.id));
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
    await this.storeToken(id, token, coHandlerSeq);
    const stored = await this.get(id);
    if (!stored) throw new Error(`No issue ${id} to store a workflow token for`);
    return stored;
  }

  /** The lead's wait (`WAIT`) or one co-handler's (`WAIT#<seq>`): parallel waits never contend for one item. */
  private async storeToken(id: string, token: string, coHandlerSeq?: number): Promise<void> {
    await documentClient().send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...caseKeys.workflowWait(id, coHandlerSeq),
          token: packToken(token),
          expiresAt: Math.floor(Date.now() / 1000) + WAIT_LIFETIME_SECONDS,
        },
      }),
    );
  }

  /** The case item and its wait items: one consistent Query of the case's partition. */
  private async partition(id: string): Promise<Record<string, unknown>[]> {
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': caseKeys.issue(id).pk },
        ConsistentRead: true,
      }),
    );
    return Items;
  }
}
