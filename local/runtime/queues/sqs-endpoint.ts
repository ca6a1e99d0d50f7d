// The local SQS endpoint: AWS JSON 1.0 (`X-Amz-Target: AmazonSQS.<Action>`) on 127.0.0.1, the actions the
// handlers and the webhooks command use, for the unchanged @aws-sdk/client-sqs pointed at it through
// AWS_ENDPOINT_URL_SQS. A queue is named by the last segment of its URL (its logical id locally).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Logger } from '../logger.ts';
import type { QueueStore, StoredMessage } from './queue-store.ts';

type Request = Record<string, unknown>;

class SqsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'SqsError';
  }
}

export const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** The message as ReceiveMessage answers it, with the attributes Lambda's SQS events carry too. */
export function messageAttributes(message: StoredMessage): Record<string, string> {
  return {
    ApproximateReceiveCount: String(message.receiveCount),
    SentTimestamp: String(message.sentAt),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
    SenderId: 'LOCAL',
    ...(message.groupId ? { MessageGroupId: message.groupId, SequenceNumber: String(message.seq) } : {}),
    ...(message.dedupId ? { MessageDeduplicationId: message.dedupId } : {}),
  };
}

export function createSqsEndpoint(
  store: QueueStore,
  urlOf: (queue: string) => string,
  logger: Logger,
): Server {
  const queueOf = (request: Request) => {
    const name = String(request.QueueUrl ?? '')
      .split('/')
      .at(-1);
    if (!name || !store.spec(name))
      throw new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
    return name;
  };
  const receipt = (request: Request) => String(request.ReceiptHandle ?? '');
  const operations: Record<string, (request: Request) => Promise<object>> = {
    SendMessage: async (r) => {
      const queue = queueOf(r);
      const body = String(r.MessageBody ?? '');
      if (store.spec(queue)?.fifo && !r.MessageGroupId) {
        throw new SqsError('MissingParameter', 'The request must contain the parameter MessageGroupId.');
      }
      const message = await store.send(queue, body, {
        groupId: r.MessageGroupId === undefined ? undefined : String(r.MessageGroupId),
        dedupId: r.MessageDeduplicationId === undefined ? undefined : String(r.MessageDeduplicationId),
      });
      return { MessageId: message.id, MD5OfMessageBody: md5(body), SequenceNumber: String(message.seq) };
    },
    ReceiveMessage: async (r) => {
      const messages = await store.receive(
        queueOf(r),
        Math.min(10, Number(r.MaxNumberOfMessages ?? 1)),
        r.VisibilityTimeout === undefined ? undefined : Number(r.VisibilityTimeout),
      );
      return {
        Messages: messages.map((m) => ({
          MessageId: m.id,
          ReceiptHandle: m.receipt,
          MD5OfBody: md5(m.body),
          Body: m.body,
          Attributes: messageAttributes(m),
        })),
      };
    },
    DeleteMessage: async (r) => {
      if (!(await store.delete(queueOf(r), receipt(r)))) {
        throw new SqsError('ReceiptHandleIsInvalid', 'The receipt handle is not valid.');
      }
      return {};
    },
    ChangeMessageVisibility: async (r) => {
      const seconds = Number(r.VisibilityTimeout);
      if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43_200) {
        throw new SqsError('InvalidParameterValue', 'VisibilityTimeout must be 0 to 43200 seconds.');
      }
      if (!(await store.changeVisibility(queueOf(r), receipt(r), seconds))) {
        throw new SqsError('MessageNotInflight', 'The message is not in flight.');
      }
      return {};
    },
    GetQueueAttributes: async (r) => {
      const messages = store.peek(queueOf(r));
      const visible = messages.filter((m) => m.visibleAt <= Date.now()).length;
      return {
        Attributes: {
          ApproximateNumberOfMessages: String(visible),
          ApproximateNumberOfMessagesNotVisible: String(messages.length - visible),
        },
      };
    },
    GetQueueUrl: async (r) => {
      const name = String(r.QueueName ?? '');
      if (!store.spec(name)) throw new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
      return { QueueUrl: urlOf(name) };
    },
    ListQueues: async (r) => ({
      QueueUrls: store
        .names()
        .filter((name) => name.startsWith(String(r.QueueNamePrefix ?? '')))
        .map(urlOf),
    }),
  };

  return createServer((req, res) => {
    void (async () => {
      const reply = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(body));
      };
      try {
        const target = String(req.headers['x-amz-target'] ?? '');
        const operation = operations[target.replace(/^AmazonSQS\./, '')];
        if (!target.startsWith('AmazonSQS.') || !operation) {
          throw new SqsError('UnsupportedOperation', `${target} is not supported locally`);
        }
        reply(200, await operation(JSON.parse((await readBody(req)) || '{}') as Request));
      } catch (error) {
        if (error instanceof SqsError) {
          res.setHeader('x-amzn-query-error', `AWS.SimpleQueueService.${error.type};Sender`);
          reply(400, { __type: `com.amazonaws.sqs#${error.type}`, message: error.message });
          return;
        }
        logger.error('local SQS request failed', { error: String(error) });
        reply(500, { __type: 'com.amazonaws.sqs#InternalError', message: 'internal error' });
      }
    })();
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
