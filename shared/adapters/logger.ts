import { Logger } from '@aws-lambda-powertools/logger';
import { readSettings } from './config.ts';
import { SERVICE_NAME } from './metrics-contract.ts';

/**
 * The one logger of every function. Log fields by name, never whole events or bodies: they carry residents'
 * phone numbers and link secrets. On AWS the function's application log level (AWS_LAMBDA_LOG_LEVEL, set by
 * infra) takes precedence over LOG_LEVEL.
 */
export const logger = new Logger({
  serviceName: SERVICE_NAME,
  logLevel: readSettings(['LOG_LEVEL']).LOG_LEVEL,
});
