import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let shared: DynamoDBDocumentClient | undefined;

/**
 * One document client per process, created on first use: Lambda reuses it across invocations, and the
 * endpoint comes from the environment (AWS_ENDPOINT_URL_DYNAMODB locally), so no code differs by place.
 */
export function documentClient(): DynamoDBDocumentClient {
  // Six attempts with the SDK's backoff ride out a burst of throttling inside one invocation, so a step
  // rarely fails half-way (its counter updates are at-least-once across a failed attempt).
  shared ??= DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 6 }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return shared;
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
