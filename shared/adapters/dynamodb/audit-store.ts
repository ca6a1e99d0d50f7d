import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditPage, AuditQuery, AuditTrail } from '#domain/audit.ts';
import { auditDay } from '#domain/audit.ts';
import { documentClient, isConditionFailure } from './document-client.ts';
import { AUDIT_BY_CASE_INDEX, auditKeys } from './keys.ts';

const DAY_MS = 86_400_000;

/** Where a page stopped: the day (or the case) being read and the last key read in it, if any. */
interface Cursor {
  readonly day: string;
  readonly key?: Record<string, unknown> | undefined;
}

function encode(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decode(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    return typeof value.day === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

function toEntry(item: Record<string, unknown>): AuditEntry {
  const { pk: _pk, sk: _sk, ...entry } = item;
  return entry as unknown as AuditEntry;
}

/**
 * The audit trail in its own table: one item per entry under its China day, written with a condition that it
 * is new (a retried write keeps the first), and a by-case index. Reads are Queries: a day range walks its day
 * partitions, a case reads its index partition, so a page costs what it returns plus the empty days it crosses.
 */
export class DynamoAuditTrail implements AuditTrail {
  constructor(private readonly tableName: string) {}

  async record(entry: AuditEntry): Promise<void> {
    try {
      await documentClient().send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...auditKeys.entry(auditDay(entry), entry.at, entry.id), ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    return query.caseId ? this.ofCase(query, query.caseId) : this.ofDays(query);
  }

  private async ofCase(query: AuditQuery, caseId: string): Promise<AuditPage> {
    const cursor = decode(query.after);
    const page = await documentClient().send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: AUDIT_BY_CASE_INDEX,
        KeyConditionExpression: 'caseId = :case AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':case': caseId,
          ...this.timeRange(query),
        },
        Limit: query.limit,
        ExclusiveStartKey: cursor?.key,
      }),
    );
    const entries = (page.Items ?? []).map(toEntry).filter((entry) => inDays(entry, query));
    return {
      entries,
      ...(page.LastEvaluatedKey ? { next: encode({ day: caseId, key: page.LastEvaluatedKey }) } : {}),
    };
  }

  private async ofDays(query: AuditQuery): Promise<AuditPage> {
    const cursor = decode(query.after);
    const entries: AuditEntry[] = [];
    let day = cursor?.day ?? query.fromDay;
    let start = cursor?.key;
    while (day <= query.toDay && entries.length < query.limit) {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :day',
          ExpressionAttributeValues: { ':day': auditKeys.day(day) },
          Limit: query.limit - entries.length,
          ExclusiveStartKey: start,
        }),
      );
      entries.push(...(page.Items ?? []).map(toEntry));
      if (page.LastEvaluatedKey) {
        if (entries.length >= query.limit)
          return { entries, next: encode({ day, key: page.LastEvaluatedKey }) };
        start = page.LastEvaluatedKey;
      } else {
        day = nextDay(day);
        start = undefined;
      }
    }
    const more = day <= query.toDay;
    return { entries, ...(more ? { next: encode({ day, key: start }) } : {}) };
  }

  /** The sort-key bounds of the query's days: China midnight of the first day to the end of the last. */
  private timeRange(query: AuditQuery): Record<string, string> {
    const from = new Date(Date.parse(`${query.fromDay}T00:00:00+08:00`)).toISOString();
    const to = new Date(Date.parse(`${nextDay(query.toDay)}T00:00:00+08:00`)).toISOString();
    return { ':from': from, ':to': to };
  }
}

function inDays(entry: AuditEntry, query: AuditQuery): boolean {
  const day = auditDay(entry);
  return day >= query.fromDay && day <= query.toDay;
}
