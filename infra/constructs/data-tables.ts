import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface DataTablesProps {
  /** Production keeps its data: retained on stack deletion and protected from deletion. */
  readonly protectData: boolean;
}

/**
 * The three tables: cases (issues, counters, idempotency keys, outbox; everything that changes as cases move),
 * the registry (grids, units, people; imported by ops, read by handlers) and the audit trail (who did or saw
 * what on which case; append-only).
 */
export class DataTables extends Construct {
  readonly cases: TableV2;
  readonly registry: TableV2;
  readonly audit: TableV2;

  constructor(scope: Construct, id: string, props: DataTablesProps) {
    super(scope, id);
    const common = {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.protectData,
      removalPolicy: props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    };
    this.cases = new TableV2(this, 'Cases', {
      ...common,
      // Idempotency keys expire; DynamoDB deletes them lazily and readers check the time themselves.
      timeToLiveAttribute: 'expiresAt',
      // The figures are counted from this stream (ChangeCounting): both images give each change's difference.
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      globalSecondaryIndexes: [
        {
          // Named apart from the earlier `byGrid` (which projected every attribute): DynamoDB cannot change an
          // index's projection in place, so a deployed stack gets this one created and the old one removed.
          indexName: 'casesByGrid',
          partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
          // Keys only: DynamoDB then writes the index when a case is created or closes, not on each of the
          // dozen writes in between (with ALL it rewrote the whole case every time, half the write bill).
          projectionType: ProjectionType.KEYS_ONLY,
        },
        {
          // Open311's GET requests: a category's cases by state and creation time; keys only, like the above.
          indexName: 'casesByCategory',
          partitionKey: { name: 'gsi2pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi2sk', type: AttributeType.STRING },
          projectionType: ProjectionType.KEYS_ONLY,
        },
        {
          // A case found by the number a resident reads out (workbench search); written once, at intake.
          indexName: 'casesByNumber',
          partitionKey: { name: 'caseNumber', type: AttributeType.STRING },
          projectionType: ProjectionType.KEYS_ONLY,
        },
        {
          // A street's cases for the workbench's list (a district merges its streets'); keys only, written at
          // intake and when the case closes, like casesByGrid.
          indexName: 'casesByStreet',
          partitionKey: { name: 'gsi3pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi3sk', type: AttributeType.STRING },
          projectionType: ProjectionType.KEYS_ONLY,
        },
        {
          // A department's cases for its supervisor's workbench. Sparse and keys only: a case gets the keys with
          // its first transfer, so one never transferred costs this index nothing.
          indexName: 'casesByDepartment',
          partitionKey: { name: 'gsi4pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi4sk', type: AttributeType.STRING },
          projectionType: ProjectionType.KEYS_ONLY,
        },
      ],
    });
    this.registry = new TableV2(this, 'Registry', common);
    // A table of its own so that no function's grant on it can include an update or a delete: writers get
    // PutItem only, with a condition that the entry is new; readers Query only (bindAuditTrail).
    this.audit = new TableV2(this, 'AuditTrail', {
      ...common,
      globalSecondaryIndexes: [
        {
          // One case's entries in time order (the case page, a district's enquiry). Entries are small and
          // never change, so projecting them whole costs one index write per entry and saves a read each.
          indexName: 'auditByCase',
          partitionKey: { name: 'caseId', type: AttributeType.STRING },
          sortKey: { name: 'sk', type: AttributeType.STRING },
          projectionType: ProjectionType.ALL,
        },
      ],
    });
  }
}
