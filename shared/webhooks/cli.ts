import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { isPartnerId } from '#domain/partner-keys.ts';
import { type CommandIo, parseCommandLine, registryTableOf, useLocalEndpoints } from '../cli/command-line.ts';
import { configureWebhook } from './partner-webhook.ts';
import { findWebhookQueues, redriveParked } from './redrive.ts';
import { DynamoPartnerWebhookStore } from './webhook-store.ts';

export const USAGE = `usage: npm run webhooks -- <command> [options]

Where partner systems (the hotline platform) receive their cases' status changes, and the deliveries that
could not be made.

commands:
  set <partner> <url>     set the partner's webhook URL (https); the first time, issue its signing secret
  rotate <partner>        issue a new signing secret; the old one keeps signing too for 24 hours
  show <partner>          the partner's URL and when it was set (never the secret)
  parked                  how many deliveries are parked (given up on after hours of retries)
  redrive                 move every parked delivery back to the queue, in order

options:
  --table NAME            the registry table (the stack output RegistryTableName)
  --stage STAGE           find the table and queues of the stack Gridwork-<STAGE>
  --endpoint URL          a DynamoDB endpoint, such as the one npm start prints
  --sqs-endpoint URL      an SQS endpoint (locally: GET/POST /webhooks on the local API does the same)
  -h, --help              this text

A secret is printed once, when it is issued: give it to the partner over a channel you trust.
Exit status: 0 done, 1 nothing to act on, 2 usage.`;

export type WebhooksIo = CommandIo;

/** `npm run webhooks`: parses the arguments strictly, runs one command, returns the exit status. */
export async function webhooksCli(args: readonly string[], io: WebhooksIo): Promise<number> {
  const commandLine = parseCommandLine(args, io, USAGE, { 'sqs-endpoint': { type: 'string' } });
  if (typeof commandLine === 'number') return commandLine;
  const { values, positionals, usage } = commandLine;
  const [command, partner, url, ...extra] = positionals;
  if (extra.length > 0) return usage(`unexpected: ${extra.join(' ')}`);
  const needsPartner = command === 'set' || command === 'rotate' || command === 'show';
  if (needsPartner && (!partner || !isPartnerId(partner)))
    return usage('name the partner, e.g. hotline-12345');
  if (command === 'set' && !url) return usage('give the webhook URL');
  if (!needsPartner && command !== 'parked' && command !== 'redrive') return usage('no such command');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  if (values.endpoint || values['sqs-endpoint']) useLocalEndpoints(values.endpoint);

  if (command === 'parked' || command === 'redrive') {
    const sqsEndpoint = values['sqs-endpoint'];
    const client = new SQSClient({
      useQueueUrlAsEndpoint: false,
      ...(sqsEndpoint ? { endpoint: sqsEndpoint } : {}),
    });
    const queues = await findWebhookQueues(client, values.stage ? `Gridwork-${values.stage}-` : undefined);
    if (command === 'redrive') {
      const moved = await redriveParked(client, queues);
      io.stdout.write(`re-drove ${moved} parked deliver${moved === 1 ? 'y' : 'ies'}\n`);
      return moved > 0 ? 0 : 1;
    }
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl: queues.parked,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    io.stdout.write(`${Attributes?.ApproximateNumberOfMessages ?? 0} parked\n`);
    return 0;
  }

  const table = await registryTableOf(values);
  const store = new DynamoPartnerWebhookStore(table);
  const id = partner as string;
  if (command === 'show') {
    const webhook = await store.get(id);
    if (!webhook) {
      io.stderr.write(`no webhook for ${id}\n`);
      return 1;
    }
    io.stdout.write(`${id}  ${webhook.url}  set ${webhook.updatedAt}\n`);
    return 0;
  }
  try {
    const { webhook, newSecret } = await configureWebhook(
      store,
      { partnerId: id, url, rotate: command === 'rotate' },
      new Date(),
    );
    io.stdout.write(`webhook of ${id}: ${webhook.url}\n`);
    if (newSecret) io.stdout.write(`signing secret, shown only now, keep it secret:\n${newSecret}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
}
