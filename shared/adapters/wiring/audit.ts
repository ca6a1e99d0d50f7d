import { readSettings } from '#adapters/config.ts';
import { DynamoAuditTrail } from '#adapters/dynamodb/audit-store.ts';
import type { AuditTrail } from '#domain/audit.ts';

/** The audit trail's own table (AUDIT_TABLE). */
export const audit = (): AuditTrail => new DynamoAuditTrail(readSettings(['AUDIT_TABLE']).AUDIT_TABLE);
