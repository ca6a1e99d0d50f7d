import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger of every function. Log fields by name, never whole events or bodies: they carry residents'
 * phone numbers and link secrets.
 */
export const logger = new Logger({
  serviceName: 'gridwork',
  logLevel: (process.env.LOG_LEVEL ?? 'INFO') as 'INFO',
});
