import { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemResponse } from '#http/problem.ts';
import { jsonResponse } from '#http/responses.ts';
import { redriveParked } from '#webhooks/redrive.ts';
import type { ExtraRoute } from './runtime/index.ts';
import type { LocalQueues, StoredMessage } from './runtime/queues/index.ts';

/** What a listing shows of a webhook: who it is for and what it says, never the note's text in full. */
function summary(body: string) {
  try {
    const event = JSON.parse(body) as Record<string, unknown>;
    const { eventId, type, caseId, partnerId, orderNo, version, status } = event;
    return { eventId, type, caseId, partnerId, orderNo, version, status };
  } catch {
    return { body: body.slice(0, 100) };
  }
}

const pending = (message: StoredMessage) => ({
  ...summary(message.body),
  receiveCount: message.receiveCount,
  sentAt: new Date(message.sentAt).toISOString(),
});

/**
 * GET /webhooks: the webhooks delivered lately, those waiting or being retried, and those parked; POST
 * /webhooks/redrive moves the parked ones back (as `npm run webhooks -- redrive` does on AWS). Local runtime
 * only, behind the local supervisor credential like /outbox.
 */
export function webhooksRoutes(queues: () => LocalQueues | undefined): Record<string, ExtraRoute> {
  const unavailable = () =>
    problemResponse({ status: 503, title: 'Service Unavailable', detail: 'The local queues are starting.' });
  const list = async (): Promise<APIGatewayProxyStructuredResultV2> => {
    const local = queues();
    if (!local) return unavailable();
    return jsonResponse(200, {
      queues: local.consumed().map((queue) => ({
        name: queue.name,
        delivered: queue.delivered.map((done) => ({
          ...summary(done.body),
          attempts: done.receiveCount,
          at: new Date(done.at).toISOString(),
        })),
        waiting: queue.waiting.map(pending),
        parked: queue.parked.map(pending),
      })),
    });
  };
  const redrive = async (_event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const local = queues();
    if (!local) return unavailable();
    const client = new SQSClient({ endpoint: local.endpoint, useQueueUrlAsEndpoint: false });
    let moved = 0;
    for (const queue of local.consumed()) {
      if (!queue.deadLetterQueue || queue.parked.length === 0) continue;
      moved += await redriveParked(client, { deliveries: queue.url, parked: queue.deadLetterQueue.url });
    }
    client.destroy();
    return jsonResponse(200, { redriven: moved });
  };
  return {
    'GET /webhooks': { handler: list, requiresToken: true },
    'POST /webhooks/redrive': { handler: redrive, requiresToken: true },
  };
}
