import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { BusinessMetrics } from '#ports';
import { BUSINESS_METRIC_NAMES, SERVICE_NAME } from './metrics-contract.ts';

/**
 * The function's CloudWatch metrics, written as embedded metric format (EMF) log lines at the end of each
 * invocation. The namespace comes from POWERTOOLS_METRICS_NAMESPACE, one per stage, set by infra;
 * POWERTOOLS_METRICS_DISABLED=true silences them (tests).
 */
export const metrics = new Metrics({ serviceName: SERVICE_NAME });

/** Business events as CloudWatch counts. */
export const businessMetrics: BusinessMetrics = {
  count(event) {
    metrics.addMetric(BUSINESS_METRIC_NAMES[event], MetricUnit.Count, 1);
  },
};

/** Writes the invocation's metrics, if it counted any (an empty flush would log a warning each time). */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
