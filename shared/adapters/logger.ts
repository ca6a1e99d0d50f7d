import { Logger } from '@aws-lambda-powertools/logger';
import { readSettings } from './config.ts';

/**
 * The one logger of every function. Log fields by name, never whole events or bodies: they carry residents'
 * phone numbers and link secrets.
 */
export const logger = new Logger({
  serviceName: 'gridwork',
  logLevel: readSettings(['LOG_LEVEL']).LOG_LEVEL,
});
