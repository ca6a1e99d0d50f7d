// Values for resources the runtime does not run, shaped like the real ones so that code which
// parses an ARN or URL from its configuration keeps working.

interface ArnParts {
  partition: string;
  region: string;
  accountId: string;
}

function serviceOf(type: string): string {
  return (type.split('::')[1] ?? 'local').toLowerCase();
}

/** A Ref value shaped like the real one for common resource types, so code that parses it keeps working. */
export function plausibleRef(type: string, logicalId: string, arn: ArnParts): string {
  switch (type) {
    case 'AWS::SecretsManager::Secret':
    case 'AWS::SNS::Topic':
      return plausibleArn(type, logicalId, arn);
    case 'AWS::SQS::Queue':
      return `https://sqs.${arn.region}.amazonaws.com/${arn.accountId}/${logicalId}`;
    case 'AWS::S3::Bucket':
      return logicalId.toLowerCase();
    default:
      return logicalId;
  }
}

export function plausibleArn(
  type: string,
  logicalId: string,
  { partition, region, accountId }: ArnParts,
): string {
  switch (type) {
    case 'AWS::IAM::Role':
      return `arn:${partition}:iam::${accountId}:role/${logicalId}`;
    case 'AWS::SecretsManager::Secret':
      return `arn:${partition}:secretsmanager:${region}:${accountId}:secret:${logicalId}-AbCdEf`;
    case 'AWS::SNS::Topic':
      return `arn:${partition}:sns:${region}:${accountId}:${logicalId}`;
    case 'AWS::SQS::Queue':
      return `arn:${partition}:sqs:${region}:${accountId}:${logicalId}`;
    case 'AWS::S3::Bucket':
      return `arn:${partition}:s3:::${logicalId.toLowerCase()}`;
    case 'AWS::Logs::LogGroup':
      return `arn:${partition}:logs:${region}:${accountId}:log-group:${logicalId}:*`;
    default:
      return `arn:${partition}:${serviceOf(type)}:${region}:${accountId}:${logicalId}`;
  }
}
