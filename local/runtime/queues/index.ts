// SQS for the local runtime: the template's queues (FIFO, visibility timeout, redrive to a dead-letter queue)
// behind an endpoint the handlers' SQS clients talk to, and its queue event source mappings run by pollers.
import type { Server } from 'node:http';
import type { CfnTemplate } from '../cfn-template.ts';
import type { TemplateResolver } from '../intrinsics.ts';
import type { Logger } from '../logger.ts';
import { closeServer, listen } from '../net.ts';
import { QueuePoller } from './queue-poller.ts';
import { queueMappingsFromTemplate, queueSpecsFromTemplate } from './queue-specs.ts';
import { type DoneMessage, QueueStore, type StoredMessage } from './queue-store.ts';
import { createSqsEndpoint } from './sqs-endpoint.ts';

export type { DoneMessage, StoredMessage } from './queue-store.ts';

/** What a local listing shows of a queue a function reads. */
export interface ConsumedQueue {
  readonly name: string;
  readonly url: string;
  /** Messages waiting or in flight, oldest first. */
  readonly waiting: readonly StoredMessage[];
  /** What the function took, newest first (the last hundred over all queues). */
  readonly delivered: readonly DoneMessage[];
  /** The dead-letter queue's messages: given up on, waiting for a re-drive. */
  readonly parked: readonly StoredMessage[];
  readonly deadLetterQueue?: { readonly name: string; readonly url: string } | undefined;
}

export interface LocalQueues {
  readonly endpoint: string;
  readonly port: number;
  readonly mappings: number;
  /** Starts the template's queue mappings; call once the handlers' environment is set. */
  startConsumers(invoke: (functionLogicalId: string, event: unknown) => Promise<unknown>): void;
  consumed(): ConsumedQueue[];
  close(): Promise<void>;
}

export async function openLocalQueues(settings: {
  template: CfnTemplate;
  resolver: TemplateResolver;
  dataDir: string;
  region: string;
  logger: Logger;
  preferredPort?: number | undefined;
}): Promise<LocalQueues> {
  const specs = queueSpecsFromTemplate(settings.template);
  const mappings = queueMappingsFromTemplate(settings.template);
  const store = new QueueStore(new Map(specs.map((spec) => [spec.name, spec])));
  await store.open(settings.dataDir);
  const urlOf = (name: string) => settings.resolver.resolveString({ Ref: name }, name);
  const server: Server = createSqsEndpoint(store, urlOf, settings.logger);
  const port = await listen(server, settings.preferredPort ?? 0);
  const pollers: QueuePoller[] = [];
  store.onSend = (queue) => {
    for (const poller of pollers) if (poller.queue === queue) poller.wake();
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    mappings: mappings.length,
    startConsumers: (invoke) => {
      for (const spec of mappings) {
        const queueArn = settings.resolver.getAtt(spec.queue, 'Arn', spec.logicalId);
        const poller = new QueuePoller(spec, store, {
          region: settings.region,
          queueArn,
          invoke,
          logger: settings.logger,
        });
        pollers.push(poller);
        poller.start();
      }
    },
    consumed: () =>
      [...new Set(mappings.map((mapping) => mapping.queue))].map((name) => {
        const dlq = store.spec(name)?.redrive?.deadLetterQueue;
        return {
          name,
          url: urlOf(name),
          waiting: store.peek(name),
          delivered: store.delivered(name),
          parked: dlq ? store.peek(dlq) : [],
          ...(dlq ? { deadLetterQueue: { name: dlq, url: urlOf(dlq) } } : {}),
        };
      }),
    close: async () => {
      await Promise.all(pollers.map((poller) => poller.stop()));
      await closeServer(server);
      await store.close();
    },
  };
}
