// Durable record of every execution, in an internal dynalite table, so executions survive a
// restart (even SIGKILL) and resume where they were. Writes for one execution are applied in
// order and coalesced: each write stores the latest snapshot, and callers that need durability
// (StartExecution) await it while the workflow itself never waits.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '../logger.ts';
import type { TableSpec } from '../tables.ts';
import type { TaskOutcome } from './task-tokens.ts';

export const EXECUTIONS_TABLE = 'gridwork-local-executions';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  /** JSON text, as given to StartExecution. */
  input: string;
  status: ExecutionStatus;
  /** Epoch milliseconds. */
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** The top-level state last entered, its input (JSON text) and when it was entered. */
  currentState?: string;
  currentInput?: string;
  stateEnteredAt?: number;
  /** Callback tasks waiting now: state name → absolute deadline (epoch ms; 0 = none). */
  callbacks?: Record<string, number>;
  /** The parked callback task at `currentState` and the token it waits for: a restart waits on it again. */
  parked?: { stateName: string; token: string };
  /** How that parked wait ended, stored before the SendTask* call was answered: a restart goes on with it. */
  delivered?: { stateName: string; outcome: TaskOutcome };
}

interface Writer {
  snapshot: () => ExecutionRecord;
  version: number;
  written: number;
  running: boolean;
  waiters: Array<{ version: number; resolve: () => void; reject: (error: unknown) => void }>;
}

export class ExecutionStore {
  private readonly documents: DynamoDBDocumentClient;
  private readonly writers = new Map<string, Writer>();
  private readonly idle = new Set<() => void>();

  constructor(
    client: DynamoDBClient,
    private readonly logger: Logger,
  ) {
    this.documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }

  static tableSpec(): TableSpec {
    return {
      logicalId: EXECUTIONS_TABLE,
      input: {
        TableName: EXECUTIONS_TABLE,
        KeySchema: [{ AttributeName: 'executionArn', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'executionArn', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    };
  }

  async get(executionArn: string): Promise<ExecutionRecord | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: EXECUTIONS_TABLE, Key: { executionArn }, ConsistentRead: true }),
    );
    return Item as ExecutionRecord | undefined;
  }

  /** Stores the first record of a new execution; false when a record with that ARN exists already. */
  async create(record: ExecutionRecord): Promise<boolean> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: EXECUTIONS_TABLE,
          Item: record,
          ConditionExpression: 'attribute_not_exists(executionArn)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** All records matching the filter (a local table stays small enough to scan). */
  async scan(filter: { stateMachineArn?: string; status?: ExecutionStatus }): Promise<ExecutionRecord[]> {
    const conditions: string[] = [];
    const values: Record<string, string> = {};
    if (filter.stateMachineArn) {
      conditions.push('stateMachineArn = :machine');
      values[':machine'] = filter.stateMachineArn;
    }
    if (filter.status) {
      conditions.push('#status = :status');
      values[':status'] = filter.status;
    }
    const records: ExecutionRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new ScanCommand({
          TableName: EXECUTIONS_TABLE,
          ExclusiveStartKey: startKey,
          ...(conditions.length > 0
            ? {
                FilterExpression: conditions.join(' AND '),
                ExpressionAttributeValues: values,
                ...(filter.status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
              }
            : {}),
        }),
      );
      records.push(...((page.Items ?? []) as ExecutionRecord[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return records;
  }

  /**
   * Schedules a write of `snapshot()` (called when the write starts, so it is the latest state).
   * The returned promise settles once that state, or a later one, is stored.
   */
  save(executionArn: string, snapshot: () => ExecutionRecord): Promise<void> {
    let writer = this.writers.get(executionArn);
    if (!writer) {
      writer = { snapshot, version: 0, written: 0, running: false, waiters: [] };
      this.writers.set(executionArn, writer);
    }
    writer.snapshot = snapshot;
    writer.version += 1;
    const version = writer.version;
    const stored = new Promise<void>((resolve, reject) => writer.waiters.push({ version, resolve, reject }));
    if (!writer.running) void this.drain(executionArn, writer);
    return stored;
  }

  /** Resolves when no write is queued or running. */
  flushed(): Promise<void> {
    if (this.writers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  private async drain(executionArn: string, writer: Writer): Promise<void> {
    writer.running = true;
    while (writer.written < writer.version) {
      const version = writer.version;
      try {
        await this.documents.send(new PutCommand({ TableName: EXECUTIONS_TABLE, Item: writer.snapshot() }));
        writer.written = version;
        this.settleWaiters(writer, version);
      } catch (error) {
        this.logger.error('could not persist execution state', { executionArn, error: String(error) });
        writer.written = writer.version;
        for (const waiter of writer.waiters.splice(0)) waiter.reject(error);
      }
    }
    writer.running = false;
    this.writers.delete(executionArn);
    if (this.writers.size === 0) {
      for (const resolve of this.idle) resolve();
      this.idle.clear();
    }
  }

  private settleWaiters(writer: Writer, version: number): void {
    const remaining = writer.waiters.filter((waiter) => waiter.version > version);
    for (const waiter of writer.waiters) if (waiter.version <= version) waiter.resolve();
    writer.waiters = remaining;
  }
}
