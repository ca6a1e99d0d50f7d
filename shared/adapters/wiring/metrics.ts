import { businessMetrics } from '#adapters/metrics.ts';
import type { BusinessMetrics } from '#ports';

/** Business events as CloudWatch metrics (EMF), flushed by the edge middlewares. */
export const metrics = (): BusinessMetrics => businessMetrics;
