import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';

export interface AcceptedFindingsScope {
  readonly stateMachine: StateMachine;
  readonly stepFunctions: readonly IFunction[];
  readonly linkKey: ISecret;
}

/**
 * The cdk-nag (AwsSolutions) findings on the workflow and the link key that this stack accepts, each with its
 * reason. Findings of the functions and the API are acknowledged in their constructs.
 */
export function acknowledgeAcceptedFindings({ stateMachine, stepFunctions, linkKey }: AcceptedFindingsScope) {
  const stack = Stack.of(stateMachine);
  Validations.of(stateMachine).acknowledge({
    id: 'AwsSolutions-SF1',
    reason:
      'The workflow logs at ERROR without execution data: state-by-state history is kept by Step Functions ' +
      'for 90 days, and logging ALL events would multiply log volume without adding what the alarms need.',
  });
  Validations.of(stateMachine).acknowledge({
    id: 'AwsSolutions-SF2',
    reason:
      'No X-Ray anywhere (see GridworkFunction): the execution history shows each step, its input, output and ' +
      'timing for 90 days, and tracing the workflow alone would show the functions as black boxes.',
  });
  Validations.of(stateMachine).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'CloudWatch Logs delivery (CreateLogDelivery and friends) supports no resource-level permissions; ' +
      'AWS requires "*".',
  });
  for (const fn of stepFunctions) {
    const id = stack.getLogicalId(fn.node.defaultChild as CfnFunction);
    Validations.of(stateMachine).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`,
      reason: 'Invoking a step function by version or alias needs the ":*" suffix; it is one function only.',
    });
  }
  Validations.of(linkKey).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'Rotating the link key invalidates every approval link and tracking token already sent, so it is ' +
      'rotated by hand at a planned time (docs/deploy.md), never on a schedule.',
  });
}
