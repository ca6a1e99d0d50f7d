// The local Step Functions endpoint: AWS JSON 1.0 over HTTP on 127.0.0.1, enough of the API for
// @aws-sdk/client-sfn pointed at it through AWS_ENDPOINT_URL_SFN.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { describeError, type Logger } from '../logger.ts';
import { InvalidOutputError, StepFunctionsApiError, UnknownOperationError } from './api-errors.ts';
import type { ExecutionRecord } from './execution-store.ts';
import type { ExecutionManager } from './executions.ts';
import { TaskTokenError, type TaskTokenRegistry } from './task-tokens.ts';

type Request = Record<string, unknown>;
type Operation = (request: Request) => Promise<object> | object;

const ERROR_PREFIX = 'com.amazonaws.swf.service.v2.model#';

export function createStepFunctionsEndpoint(
  executions: ExecutionManager,
  registry: TaskTokenRegistry,
  logger: Logger,
): Server {
  const operations: Record<string, Operation> = {
    StartExecution: async (r) => {
      const { executionArn, startDate } = await executions.startExecution(r);
      return { executionArn, startDate: seconds(startDate) };
    },
    DescribeExecution: async (r) => describeExecution(await executions.describeExecution(r.executionArn)),
    StopExecution: async (r) => {
      const { stopDate } = await executions.stopExecution(r);
      return { stopDate: seconds(stopDate) };
    },
    ListExecutions: async (r) => {
      const { executions: page, nextToken } = await executions.listExecutions(r);
      return { executions: page.map(listItem), ...(nextToken ? { nextToken } : {}) };
    },
    // Answered once the outcome is durable: an acknowledged SendTask* survives a kill (see ParkingLot).
    SendTaskSuccess: async (r) => {
      await registry.succeed(String(r.taskToken), parseOutput(r.output));
      return {};
    },
    SendTaskFailure: async (r) => {
      await registry.fail(String(r.taskToken), String(r.error ?? ''), String(r.cause ?? ''));
      return {};
    },
    SendTaskHeartbeat: (r) => {
      registry.heartbeat(String(r.taskToken));
      return {};
    },
    DescribeStateMachine: (r) => describeStateMachine(executions.stateMachine(r.stateMachineArn).spec),
    ListStateMachines: () => ({
      stateMachines: executions.listStateMachines().map(({ spec }) => ({
        stateMachineArn: spec.arn,
        name: spec.name,
        type: spec.type,
        creationDate: 0,
      })),
    }),
  };

  return createServer((req, res) => {
    void handle(req, res, operations, logger);
  });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  operations: Record<string, Operation>,
  logger: Logger,
) {
  const target = String(req.headers['x-amz-target'] ?? '');
  const operationName = target.startsWith('AWSStepFunctions.')
    ? target.slice('AWSStepFunctions.'.length)
    : target;
  try {
    const body = await readBody(req);
    const operation = operations[operationName];
    if (!operation) throw new UnknownOperationError(operationName || '(none)');
    const request = (body.length > 0 ? JSON.parse(body) : {}) as Request;
    send(res, 200, await operation(request));
  } catch (error) {
    const code =
      error instanceof StepFunctionsApiError || error instanceof TaskTokenError ? error.code : undefined;
    if (code) {
      res.setHeader('x-amzn-errortype', code);
      send(res, 400, { __type: `${ERROR_PREFIX}${code}`, message: (error as Error).message });
      return;
    }
    if (error instanceof SyntaxError) {
      send(res, 400, { __type: `${ERROR_PREFIX}SerializationException`, message: error.message });
      return;
    }
    logger.error('step functions request failed', { operation: operationName, ...describeError(error) });
    send(res, 500, { __type: `${ERROR_PREFIX}InternalServerError`, message: 'Internal error' });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

function parseOutput(output: unknown): unknown {
  try {
    return JSON.parse(String(output));
  } catch (error) {
    throw new InvalidOutputError((error as Error).message);
  }
}

/** The API's timestamps are epoch seconds. */
function seconds(epochMs: number): number {
  return epochMs / 1000;
}

function listItem(record: ExecutionRecord) {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: seconds(record.startDate),
    ...(record.stopDate ? { stopDate: seconds(record.stopDate) } : {}),
  };
}

function describeExecution(record: ExecutionRecord) {
  return {
    ...listItem(record),
    input: record.input,
    inputDetails: { included: true },
    ...(record.output !== undefined ? { output: record.output, outputDetails: { included: true } } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
  };
}

function describeStateMachine(spec: {
  arn: string;
  name: string;
  definitionString: string;
  roleArn: string;
  type: string;
}) {
  return {
    stateMachineArn: spec.arn,
    name: spec.name,
    status: 'ACTIVE',
    definition: spec.definitionString,
    roleArn: spec.roleArn,
    type: spec.type,
    creationDate: 0,
  };
}
