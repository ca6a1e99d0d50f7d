// Where an intake request's time goes: each request the intake handler makes (DynamoDB, Step Functions) timed
// on the handlers' shared clients, the handler's own time, and what is left for the HTTP adapter and the event
// round trip. Requests go one at a time and each waits until its case's first offer has run; calls made by
// other functions meanwhile (the offer, the counting consumer) are told apart by the function's environment.
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InvocationRecord } from '#local/runtime/lambda-host.ts';
import type { ApiClient } from '#test/support/api-client.ts';
import { median, round } from './stats.ts';

export interface IntakeHops {
  requests: number;
  /** Medians per request, ms: the whole request, the handler, and each call the handler made. */
  totalMs: number;
  handlerMs: number;
  /** The request outside the handler: the local HTTP adapter, the API Gateway event, the JSON round trips. */
  outsideHandlerMs: number;
  /** The handler's time in none of the calls below (validation, routing, packing, hashing). */
  inHandlerCpuMs: number;
  callsMs: Record<string, number>;
}

interface Call {
  name: string;
  ms: number;
}

/** Times every call `functionName` makes through `client` while `sink` is set (named by command and item kind). */
function timeCalls(
  client: DynamoDBDocumentClient | SFNClient,
  functionName: string,
  sink: () => Call[] | undefined,
): void {
  (client.middlewareStack as DynamoDBDocumentClient['middlewareStack']).add(
    (next, context) => async (args) => {
      const calls = sink();
      if (!calls || process.env.AWS_LAMBDA_FUNCTION_NAME !== functionName) return next(args);
      const input = args.input as { Key?: { pk?: unknown }; Item?: { pk?: unknown } };
      const pk = String(input.Key?.pk ?? input.Item?.pk ?? '');
      const kind = pk ? ` ${pk.split('#')[0]}` : '';
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        calls.push({ name: `${context.commandName ?? 'unknown'}${kind}`, ms: performance.now() - started });
      }
    },
    { step: 'initialize', name: 'benchIntakeHops' },
  );
}

export interface HopProbe {
  /** The runtime's invocation observer, to chain into the bench runtime's instrumentation. */
  onInvoke(record: InvocationRecord, functionName: string): void;
  measure(api: ApiClient, requests: number, body: (index: number) => unknown): Promise<IntakeHops>;
}

/** A probe on the handlers' shared clients of the calls made by `intakeFunction` (its function name). */
export function hopProbe(dynamo: DynamoDBDocumentClient, sfn: SFNClient, intakeFunction: string): HopProbe {
  let calls: Call[] | undefined;
  let handlerMs = 0;
  const offered = new Set<string>();
  timeCalls(dynamo, intakeFunction, () => calls);
  timeCalls(sfn, intakeFunction, () => calls);
  return {
    onInvoke(record, functionName) {
      if (functionName === 'create-issue' && calls) handlerMs = record.durationMs;
      const issueId = (record.event as { issueId?: unknown }).issueId;
      if (functionName === 'offer-task' && typeof issueId === 'string') offered.add(issueId);
    },
    async measure(api, requests, body) {
      const totals: number[] = [];
      const handlers: number[] = [];
      const byCall = new Map<string, number[]>();
      for (let i = 0; i < requests; i++) {
        const mine: Call[] = [];
        calls = mine;
        const started = performance.now();
        const response = await api.report(body(i) as never);
        totals.push(performance.now() - started);
        calls = undefined;
        if (response.status !== 201) throw new Error(`POST /issues answered ${response.status}`);
        handlers.push(handlerMs);
        const perRequest = new Map<string, number>();
        for (const call of mine) perRequest.set(call.name, (perRequest.get(call.name) ?? 0) + call.ms);
        for (const [name, ms] of perRequest) byCall.set(name, [...(byCall.get(name) ?? []), ms]);
        const deadline = Date.now() + 30_000;
        while (!offered.has(response.body.id)) {
          if (Date.now() > deadline) throw new Error(`No offer for ${response.body.id} within 30 s`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
      const callsMs = Object.fromEntries([...byCall].map(([name, ms]) => [name, round(median(ms))]));
      const inCalls = Object.values(callsMs).reduce((sum, ms) => sum + ms, 0);
      return {
        requests,
        totalMs: round(median(totals)),
        handlerMs: round(median(handlers)),
        outsideHandlerMs: round(median(totals.map((total, i) => total - (handlers[i] ?? 0)))),
        inHandlerCpuMs: round(Math.max(0, median(handlers) - inCalls)),
        callsMs,
      };
    },
  };
}
