// The template's stream event source mappings (`AWS::Lambda::EventSourceMapping` on a table's StreamArn), read
// into the settings the local poller honours.
import {
  type CfnTemplate,
  InvalidTemplateError,
  isRecord,
  RESOURCE_TYPES,
  resourcesOfType,
} from '../cfn-template.ts';

export interface StreamMappingSpec {
  readonly logicalId: string;
  /** The logical id (and local name) of the table whose stream is read. */
  readonly table: string;
  readonly functionLogicalId: string;
  readonly batchSize: number;
  readonly batchingWindowMs: number;
  readonly bisectOnError: boolean;
  /** Retries of a failing batch before it is set aside; -1 retries until it succeeds. */
  readonly maxRetryAttempts: number;
  /** Present when the template sets a tumbling window: the invocation then names its shard. */
  readonly tumblingWindowSeconds?: number | undefined;
  /** EventBridge-style patterns; a record is delivered when any matches (all records when there are none). */
  readonly filters: readonly unknown[];
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** The on-failure destination's logical id, if any (locally the set-aside batch is logged). */
  readonly onFailure?: string | undefined;
}

const MAPPING_TYPE = 'AWS::Lambda::EventSourceMapping';

/** The tables whose template declares a stream, with its view type. */
export function streamTables(template: CfnTemplate): Map<string, string> {
  return new Map(
    resourcesOfType(template, RESOURCE_TYPES.globalTable, RESOURCE_TYPES.table).flatMap(
      ({ logicalId, properties }) => {
        const spec = properties.StreamSpecification;
        return isRecord(spec) && typeof spec.StreamViewType === 'string'
          ? [[logicalId, spec.StreamViewType]]
          : [];
      },
    ),
  );
}

function refOf(value: unknown, what: string): string {
  if (isRecord(value) && typeof value.Ref === 'string') return value.Ref;
  if (isRecord(value) && Array.isArray(value['Fn::GetAtt'])) return String(value['Fn::GetAtt'][0]);
  throw new InvalidTemplateError(`${what} must reference a resource of the template`);
}

/** Every mapping that reads a table's stream; mappings of other sources (queues) are not run locally. */
export function streamMappingsFromTemplate(template: CfnTemplate): StreamMappingSpec[] {
  return resourcesOfType(template, MAPPING_TYPE).flatMap(({ logicalId, properties: p }) => {
    const source = p.EventSourceArn;
    if (
      !isRecord(source) ||
      !Array.isArray(source['Fn::GetAtt']) ||
      source['Fn::GetAtt'][1] !== 'StreamArn'
    ) {
      return [];
    }
    const filters =
      isRecord(p.FilterCriteria) && Array.isArray(p.FilterCriteria.Filters) ? p.FilterCriteria.Filters : [];
    const destination =
      isRecord(p.DestinationConfig) && isRecord(p.DestinationConfig.OnFailure)
        ? p.DestinationConfig.OnFailure
        : undefined;
    return [
      {
        logicalId,
        table: String(source['Fn::GetAtt'][0]),
        functionLogicalId: refOf(p.FunctionName, `${logicalId}.FunctionName`),
        // The service's defaults for a stream source.
        batchSize: Number(p.BatchSize ?? 100),
        batchingWindowMs: Number(p.MaximumBatchingWindowInSeconds ?? 0) * 1000,
        bisectOnError: p.BisectBatchOnFunctionError === true,
        maxRetryAttempts: Number(p.MaximumRetryAttempts ?? -1),
        tumblingWindowSeconds:
          p.TumblingWindowInSeconds === undefined ? undefined : Number(p.TumblingWindowInSeconds),
        filters: filters.map(
          (filter) => JSON.parse(String(isRecord(filter) ? filter.Pattern : '{}')) as unknown,
        ),
        startingPosition: p.StartingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
        onFailure:
          destination?.Destination === undefined
            ? undefined
            : refOf(destination.Destination, `${logicalId} destination`),
      },
    ];
  });
}

/** Whether one rule of a value list holds: `{ exists: true|false }` or `{ prefix: "…" }`. */
function ruleHolds(rule: Record<string, unknown>, value: unknown): boolean {
  if (typeof rule.exists === 'boolean') return rule.exists === (value !== undefined && !isRecord(value));
  if (typeof rule.prefix === 'string') return typeof value === 'string' && value.startsWith(rule.prefix);
  return false;
}

/**
 * Whether an event matches a filter pattern: every key of the pattern matches, nested objects recursively, and
 * a list of values matches when the event's value equals one of them or an `exists` or `prefix` rule holds.
 * (The rest of the pattern language, such as numeric or anything-but rules, is not used by this app and matches
 * nothing.)
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (Array.isArray(pattern)) {
    return pattern.some((value) => (isRecord(value) ? ruleHolds(value, event) : value === event));
  }
  if (!isRecord(pattern)) return false;
  if (!isRecord(event)) return false;
  return Object.entries(pattern).every(([key, inner]) => matchesPattern(inner, event[key]));
}
