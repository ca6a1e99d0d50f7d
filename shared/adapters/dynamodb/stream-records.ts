// The parts of a DynamoDB Streams batch the cases table's consumers read.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Issue } from '#domain/issue.ts';
import { issueOfItem } from './issue-item.ts';

/** An item image as a stream record carries it (attribute values). */
export type StreamImage = Record<string, AttributeValue> | undefined;

/** A stream batch as Lambda delivers it; `shardId` comes with tumbling windows. */
export interface StreamBatch {
  readonly shardId?: string;
  readonly Records?: readonly {
    readonly eventName?: string;
    readonly dynamodb?: {
      readonly SequenceNumber?: string;
      readonly ApproximateCreationDateTime?: number;
      readonly OldImage?: StreamImage;
      readonly NewImage?: StreamImage;
    };
  }[];
}

/** The issue an image of a case item holds; undefined for no image or an item of another kind. */
export const issueOfImage = (image: StreamImage): Issue | undefined =>
  image ? issueOfItem(unmarshall(image)) : undefined;
