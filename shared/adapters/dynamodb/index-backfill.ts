import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, isConditionFailure } from './document-client.ts';
import { issueOfItem } from './issue-item.ts';
import { departmentIndexKeys, itemKinds, streetIndexKeys } from './keys.ts';

/** What one page of the backfill did; the counts of a whole run are the sums. */
export interface BackfillCounts {
  /** Items the scan read (cases and everything else the table holds beside them). */
  readonly scanned: number;
  /** Case items among them. */
  readonly cases: number;
  /** Case items whose index keys were missing or out of date, and were set (or, on a dry run, would be). */
  readonly set: number;
  /** Case items whose keys were already right. */
  readonly current: number;
  /** Case items written meanwhile (their own write sets the keys), so left alone. */
  readonly changed: number;
}

export interface BackfillPage extends BackfillCounts {
  /** Where the next page starts; absent once the scan reached the end of the table. */
  readonly cursor?: string | undefined;
}

/** The scan's position as printed for a resume: the last key read, as base64url JSON. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The scan position of a printed cursor, or undefined for text no backfill printed. */
export function decodeCursor(cursor: string): Record<string, string> | undefined {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (key && typeof key === 'object' && !Array.isArray(key)) {
      const entries = Object.entries(key);
      const strings = entries.every(([, value]) => typeof value === 'string');
      if (strings && 'pk' in key && 'sk' in key && entries.length === 2) return key as Record<string, string>;
    }
  } catch {
    // Falls through: not a cursor.
  }
  return undefined;
}

/** The street and department index keys a case item should carry, computed as every save computes them. */
function wantedKeys(item: Record<string, unknown>): Record<string, string> | undefined {
  const issue = issueOfItem(item);
  if (!issue) return undefined;
  return { ...streetIndexKeys.of(issue), ...departmentIndexKeys.of(issue) };
}

/**
 * One bounded page of the street and department index backfill: a Scan of at most `pageSize` items from
 * `cursor`, then, for each case item whose `casesByStreet` keys (or, once transferred, `casesByDepartment` keys)
 * are missing or out of date, one UpdateItem conditional on the version read. A case written meanwhile got
 * its keys from that write and is left alone; running a page twice sets nothing the second time.
 */
export async function backfillCaseIndexes(
  tableName: string,
  options: {
    readonly cursor?: Record<string, string> | undefined;
    readonly pageSize: number;
    readonly dryRun: boolean;
  },
): Promise<BackfillPage> {
  const page = await documentClient().send(
    new ScanCommand({ TableName: tableName, Limit: options.pageSize, ExclusiveStartKey: options.cursor }),
  );
  let cases = 0;
  let set = 0;
  let current = 0;
  let changed = 0;
  for (const item of page.Items ?? []) {
    if (item.sk !== itemKinds.issue) continue;
    const wanted = wantedKeys(item);
    if (!wanted) continue;
    cases += 1;
    const names = Object.keys(wanted);
    if (names.every((name) => item[name] === wanted[name])) {
      current += 1;
      continue;
    }
    if (options.dryRun) {
      set += 1;
      continue;
    }
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: `SET ${names.map((name) => `${name} = :${name}`).join(', ')}`,
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: {
            ...Object.fromEntries(names.map((name) => [`:${name}`, wanted[name]])),
            ':version': item.version,
          },
        }),
      );
      set += 1;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      changed += 1;
    }
  }
  const next = page.LastEvaluatedKey;
  return {
    scanned: page.Items?.length ?? 0,
    cases,
    set,
    current,
    changed,
    ...(next ? { cursor: encodeCursor(next) } : {}),
  };
}
