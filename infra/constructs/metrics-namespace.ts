import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** The CloudWatch namespace of the stage's business metrics (EMF, written by shared/adapters/metrics.ts). */
export function metricsNamespace(scope: Construct): string {
  return Stack.of(scope).stackName;
}
