import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { OutboxNotifier } from '#adapters/notify/outbox-notifier.ts';
import { problemResponse } from '#http/problem.ts';
import { jsonResponse } from '#http/responses.ts';
import type { ExtraRoute } from './runtime/index.ts';

/**
 * GET /outbox?to=<recipientId>: the messages a local run "sent", newest first (local runtime only). They hold
 * every approval and rating link and every sign-in code, so the route takes its own local credential (the outbox
 * token), which no sign-in gives.
 */
export const outboxRoute: ExtraRoute = { handler: listOutbox, requiresToken: true };

async function listOutbox(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const to = event.queryStringParameters?.to;
  if (!to || to.length > 100) {
    return problemResponse({
      status: 422,
      title: 'Unprocessable Content',
      detail: 'Name the recipient: /outbox?to=<recipientId>',
      errors: [{ path: 'to', message: 'Required, at most 100 characters' }],
    });
  }
  const outbox = new OutboxNotifier(String(process.env.CASES_TABLE));
  return jsonResponse(200, { items: await outbox.list(to) });
}
