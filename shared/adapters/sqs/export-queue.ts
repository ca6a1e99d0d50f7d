import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ExportQueue } from '#domain/case-export.ts';

/** The exporter's queue: one message per job, its body the job's id. */
export class SqsExportQueue implements ExportQueue {
  // The endpoint comes from the region (or AWS_ENDPOINT_URL_SQS locally), never from the queue URL's host.
  private readonly client = new SQSClient({ useQueueUrlAsEndpoint: false });

  constructor(private readonly queueUrl: string) {}

  async enqueue(id: string): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: id }));
  }
}
