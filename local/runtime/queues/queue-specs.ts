// The template's SQS queues and the event source mappings that read them, as the local queues honour them.
import { type CfnTemplate, isRecord, resourcesOfType } from '../cfn-template.ts';

export interface QueueSpec {
  /** The logical id: the queue's local name, the last segment of its URL. */
  readonly name: string;
  readonly fifo: boolean;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  /** FIFO deduplication per message group rather than per queue. */
  readonly dedupPerGroup: boolean;
  readonly redrive?: { readonly deadLetterQueue: string; readonly maxReceiveCount: number } | undefined;
}

export interface QueueMappingSpec {
  readonly logicalId: string;
  readonly queue: string;
  readonly functionLogicalId: string;
  readonly batchSize: number;
  readonly reportBatchItemFailures: boolean;
}

const QUEUE_TYPE = 'AWS::SQS::Queue';
const MAPPING_TYPE = 'AWS::Lambda::EventSourceMapping';

/** The logical id a `Ref` or `Fn::GetAtt` names, if it is one. */
function referenced(value: unknown): string | undefined {
  if (isRecord(value) && typeof value.Ref === 'string') return value.Ref;
  if (isRecord(value) && Array.isArray(value['Fn::GetAtt'])) return String(value['Fn::GetAtt'][0]);
  return undefined;
}

/** Every queue of the template, with the service's defaults where the template sets nothing. */
export function queueSpecsFromTemplate(template: CfnTemplate): QueueSpec[] {
  return resourcesOfType(template, QUEUE_TYPE).map(({ logicalId, properties: p }) => {
    const redrive = isRecord(p.RedrivePolicy) ? p.RedrivePolicy : undefined;
    const deadLetterQueue = referenced(redrive?.deadLetterTargetArn);
    return {
      name: logicalId,
      fifo: p.FifoQueue === true,
      visibilityTimeoutSeconds: Number(p.VisibilityTimeout ?? 30),
      retentionSeconds: Number(p.MessageRetentionPeriod ?? 345_600),
      dedupPerGroup: p.DeduplicationScope === 'messageGroup',
      redrive:
        deadLetterQueue && redrive
          ? { deadLetterQueue, maxReceiveCount: Number(redrive.maxReceiveCount ?? 10) }
          : undefined,
    };
  });
}

/** Every mapping whose source is a queue of the template (stream mappings are the streams' own). */
export function queueMappingsFromTemplate(template: CfnTemplate): QueueMappingSpec[] {
  const queues = new Set(resourcesOfType(template, QUEUE_TYPE).map((queue) => queue.logicalId));
  return resourcesOfType(template, MAPPING_TYPE).flatMap(({ logicalId, properties: p }) => {
    const source = p.EventSourceArn;
    const queue = referenced(source);
    const fn = referenced(p.FunctionName);
    if (!queue || !queues.has(queue) || !fn) return [];
    if (!isRecord(source) || !Array.isArray(source['Fn::GetAtt'])) return [];
    const types = Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes : [];
    return [
      {
        logicalId,
        queue,
        functionLogicalId: fn,
        batchSize: Number(p.BatchSize ?? 10),
        reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
      },
    ];
  });
}
