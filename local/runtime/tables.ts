// Creates the template's DynamoDB tables in dynalite, once: data survives restarts, so an
// existing table is kept and only indexes added to the template since are created.
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  type Projection,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { type CfnTemplate, isRecord, RESOURCE_TYPES, resourcesOfType } from './cfn-template.ts';
import type { Logger } from './logger.ts';

export interface TableSpec {
  logicalId: string;
  input: CreateTableCommandInput;
}

/** A client for the runtime's own use of dynalite (not the handlers', which read the environment). */
export function localDynamoDbClient(endpoint: string, region: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
}

/** Table name = logical id, so a table is easy to find when looking at the local data. */
export function tableSpecsFromTemplate(template: CfnTemplate): TableSpec[] {
  return resourcesOfType(template, RESOURCE_TYPES.globalTable, RESOURCE_TYPES.table).map(
    ({ logicalId, properties }) => {
      const gsis = asList(properties.GlobalSecondaryIndexes).map(
        (index): GlobalSecondaryIndex => ({
          IndexName: String(index.IndexName),
          KeySchema: index.KeySchema as KeySchemaElement[],
          Projection: (index.Projection as Projection | undefined) ?? { ProjectionType: 'ALL' },
        }),
      );
      const lsis = asList(properties.LocalSecondaryIndexes).map(
        (index): LocalSecondaryIndex => ({
          IndexName: String(index.IndexName),
          KeySchema: index.KeySchema as KeySchemaElement[],
          Projection: (index.Projection as Projection | undefined) ?? { ProjectionType: 'ALL' },
        }),
      );
      return {
        logicalId,
        input: {
          TableName: logicalId,
          KeySchema: properties.KeySchema as KeySchemaElement[],
          AttributeDefinitions: properties.AttributeDefinitions as AttributeDefinition[],
          // On-demand billing locally whatever the template says: no capacity numbers to invent.
          BillingMode: 'PAY_PER_REQUEST',
          ...(gsis.length > 0 ? { GlobalSecondaryIndexes: gsis } : {}),
          ...(lsis.length > 0 ? { LocalSecondaryIndexes: lsis } : {}),
        },
      };
    },
  );
}

function asList(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export async function ensureTables(
  client: DynamoDBClient,
  specs: TableSpec[],
  logger: Logger,
): Promise<void> {
  await Promise.all(specs.map((spec) => ensureTable(client, spec, logger)));
}

async function ensureTable(client: DynamoDBClient, { input }: TableSpec, logger: Logger): Promise<void> {
  const existing = await describe(client, String(input.TableName));
  if (!existing) {
    await client.send(new CreateTableCommand(input));
    logger.info('created table', { table: input.TableName });
  } else {
    await addMissingIndexes(client, input, existing.GlobalSecondaryIndexes ?? [], logger);
  }
  await waitUntilActive(client, String(input.TableName), logger);
}

async function describe(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function addMissingIndexes(
  client: DynamoDBClient,
  input: CreateTableCommandInput,
  existing: Array<{ IndexName?: string }>,
  logger: Logger,
): Promise<void> {
  const present = new Set(existing.map((index) => index.IndexName));
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    try {
      await client.send(
        new UpdateTableCommand({
          TableName: input.TableName,
          AttributeDefinitions: input.AttributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
      logger.info('added index to existing table', { table: input.TableName, index: index.IndexName });
    } catch (error) {
      logger.warn('could not add index to existing table; delete the local data to recreate it', {
        table: input.TableName,
        index: index.IndexName,
        error: String(error),
      });
    }
  }
}

/** dynalite flips tables to ACTIVE on the next tick; wait for it so the first write cannot race it. */
async function waitUntilActive(client: DynamoDBClient, tableName: string, logger: Logger): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline) {
    const table = await describe(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  logger.warn('table did not become ACTIVE in time', { table: tableName });
}
