import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The one tracer. It is off outside Lambda (no AWS_EXECUTION_ENV: tests, the local runtime), where `traced`
 * returns the client untouched. HTTPS capture is off: the SDK clients are captured themselves, and a second
 * subsegment per call would only double the trace.
 */
export const tracer = new Tracer({ serviceName: 'gridwork', captureHTTPsRequests: false });

/** The AWS SDK client, each of its calls traced as a subsegment of the invocation (X-Ray active tracing). */
export function traced<Client>(client: Client): Client {
  return tracer.captureAWSv3Client(client);
}
