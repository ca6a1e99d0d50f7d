// What the functions write and infra's alarms and dashboard read must agree: kept here, free of dependencies,
// so infra imports it without loading Powertools.
import type { BusinessEvent } from '#ports';

/** The variable that names a function's metric namespace (Powertools reads it): one namespace per stage. */
export const METRICS_NAMESPACE_VARIABLE = 'POWERTOOLS_METRICS_NAMESPACE';

/** The service name: the `service` dimension of every metric and the `service` field of every log line. */
export const SERVICE_NAME = 'gridwork';

/** The metric name of each business event. */
export const BUSINESS_METRIC_NAMES = {
  Escalation: 'Escalations',
  UndeliverableMessage: 'UndeliverableMessages',
  HeldMessage: 'HeldMessages',
  BadRating: 'BadRatings',
} as const satisfies Record<BusinessEvent, string>;
