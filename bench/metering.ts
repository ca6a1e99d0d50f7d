// Counts what the system does, without changing it: SDK middleware on the process's shared clients (the
// handlers' DynamoDB and Step Functions clients) and the local runtime's invocation and state observers.
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { caseKeys, isDayKey, isIssueKey, isOutboxKey } from '#adapters/dynamodb/keys.ts';
import type { InvocationRecord } from '#local/runtime/lambda-host.ts';
import type { RuntimeInstrumentation } from '#local/runtime/start.ts';

// The document client's middleware sees its own input but the low-level command's name.
const READ_COMMANDS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand']);

export interface DynamoCounts {
  /** Request units as DynamoDB reports them (ConsumedCapacity TOTAL: the table only, not its index). */
  readUnits: number;
  writeUnits: number;
  /**
   * Write units the casesByGrid index adds on AWS (dynalite reports the table's only). The index projects keys only,
   * so DynamoDB writes it when an issue is created (one unit) and when its index key changes (open → closed:
   * a delete and a put), never for the other writes of the issue item.
   */
  indexWriteUnits: number;
  /** Writes that failed their condition: billed on AWS, reported without capacity by dynalite. */
  conditionFailures: number;
  /** Outbox writes stand in for SMS/e-mail locally; they are counted here and left out of the units above. */
  messages: number;
  requests: Record<string, number>;
  /** Write units by item kind (partition key prefix; daily counters apart from the totals). */
  writeUnitsByItem: Record<string, number>;
}

export interface MeterSnapshot {
  dynamo: DynamoCounts;
  stepFunctionsRequests: Record<string, number>;
  invocations: Record<string, { count: number; totalMs: number; billedMs: number; failed: number }>;
  transitions: number;
  transitionsByState: Record<string, number>;
}

interface ConsumedCapacity {
  CapacityUnits?: number;
}

function emptySnapshot(): MeterSnapshot {
  return {
    dynamo: {
      readUnits: 0,
      writeUnits: 0,
      indexWriteUnits: 0,
      conditionFailures: 0,
      messages: 0,
      requests: {},
      writeUnitsByItem: {},
    },
    stepFunctionsRequests: {},
    invocations: {},
    transitions: 0,
    transitionsByState: {},
  };
}

const bump = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

function unitsOf(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): number {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
}

/** The partition key a single-item document command writes, if any. */
function writtenKey(input: Record<string, unknown>): string {
  const item = (input.Item ?? input.Key) as Record<string, unknown> | undefined;
  return typeof item?.pk === 'string' ? item.pk : '';
}

function itemKind(input: Record<string, unknown>): string {
  const key = (input.Item ?? input.Key) as Record<string, unknown> | undefined;
  const prefix = writtenKey(input).split('#')[0] || 'other';
  if (key && isDayKey(key)) return `${prefix} (daily)`;
  return key?.sk === caseKeys.workflowWait('').sk ? `${prefix} (wait)` : prefix;
}

export class Meter {
  private counts = emptySnapshot();
  /** The last index sort key written per issue, to tell which writes change the index. */
  private readonly indexKeys = new Map<string, string>();
  private readonly functionNames: ReadonlyMap<string, string>;
  /** Extra observers the driver adds (e.g. to learn that a task was offered). */
  readonly invokeListeners: Array<(name: string, record: InvocationRecord) => void> = [];
  readonly stateListeners: Array<(executionArn: string, stateName: string) => void> = [];

  constructor(functionNames: ReadonlyMap<string, string>) {
    this.functionNames = functionNames;
  }

  /** The observers to hand to the runtime at start. */
  get instrumentation(): RuntimeInstrumentation {
    return {
      onInvoke: (record) => {
        const name = this.functionNames.get(record.logicalId) ?? record.logicalId;
        const entry = this.counts.invocations[name] ?? { count: 0, totalMs: 0, billedMs: 0, failed: 0 };
        entry.count += 1;
        entry.totalMs += record.durationMs;
        // Lambda bills duration per invocation, rounded up to the millisecond.
        entry.billedMs += Math.max(1, Math.ceil(record.durationMs));
        if (record.failed) entry.failed += 1;
        this.counts.invocations[name] = entry;
        for (const listener of this.invokeListeners) listener(name, record);
      },
      onStateEntered: (executionArn, stateName) => {
        this.counts.transitions += 1;
        bump(this.counts.transitionsByState, stateName);
        for (const listener of this.stateListeners) listener(executionArn, stateName);
      },
    };
  }

  /** Index write units of one successful write of an issue item (see `indexWriteUnits`). */
  private indexWritesOf(input: Record<string, unknown>): number {
    const pk = writtenKey(input);
    if (!isIssueKey({ pk })) return 0;
    const item = input.Item as Record<string, unknown> | undefined;
    const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
    const sortKey = item?.gsi1sk ?? values?.[':gsi1sk'];
    if (typeof sortKey !== 'string') return 0;
    const before = this.indexKeys.get(pk);
    this.indexKeys.set(pk, sortKey);
    if (before === undefined) return item ? 1 : 0;
    return before === sortKey ? 0 : 2;
  }

  /** Counts every request of the handlers' shared DynamoDB client, asking DynamoDB for the capacity used. */
  attachDynamo(client: DynamoDBDocumentClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        input.ReturnConsumedCapacity = 'TOTAL';
        const command = context.commandName ?? 'unknown';
        const dynamo = this.counts.dynamo;
        bump(dynamo.requests, command);
        const isMessage = command === 'PutItemCommand' && isOutboxKey({ pk: writtenKey(input) });
        try {
          const result = await next(args);
          const units = unitsOf(
            (result.output as { ConsumedCapacity?: ConsumedCapacity[] }).ConsumedCapacity,
          );
          if (isMessage) dynamo.messages += 1;
          else if (READ_COMMANDS.has(command)) dynamo.readUnits += units;
          else {
            dynamo.writeUnits += units;
            bump(dynamo.writeUnitsByItem, itemKind(input), units);
            dynamo.indexWriteUnits += this.indexWritesOf(input);
          }
          return result;
        } catch (error) {
          if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
            // AWS bills a failed conditional write at least one unit; dynalite reports none.
            dynamo.conditionFailures += 1;
            if (!isMessage) dynamo.writeUnits += 1;
          }
          throw error;
        }
      },
      { step: 'initialize', name: 'benchConsumedCapacity' },
    );
  }

  attachStepFunctions(client: SFNClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        bump(this.counts.stepFunctionsRequests, context.commandName ?? 'unknown');
        return next(args);
      },
      { step: 'initialize', name: 'benchStepFunctionsRequests' },
    );
  }

  reset(): void {
    this.counts = emptySnapshot();
  }

  snapshot(): MeterSnapshot {
    return structuredClone(this.counts);
  }
}
