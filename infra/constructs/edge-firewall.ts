import { Duration, Fn, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Requests per client IP per five minutes, on intake and on the link routes. */
export interface FirewallLimits {
  readonly intakeLimit: number;
  readonly linkLimit: number;
}

/** The window the rate-based rules count in: five minutes, as the limits are given. */
const WINDOW_SECONDS = 300;

type Statement = wafv2.CfnWebACL.StatementProperty;

const uriPath = (searchString: string, positionalConstraint: 'EXACTLY' | 'STARTS_WITH'): Statement => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint,
    searchString,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const method = (name: string): Statement => ({
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: 'EXACTLY',
    searchString: name,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/**
 * The web ACL of a stage's CloudFront distribution. HTTP APIs take no web ACL themselves, and a CLOUDFRONT
 * web ACL exists only in us-east-1, hence a stack of its own there. Each rule counts one client IP's requests
 * over five minutes and answers 429 past the limit: intake (every report sends messages) and the link routes
 * (where links are guessed at).
 */
export class FirewallStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps & { readonly limits: FirewallLimits }) {
    super(scope, id, props);
    const rule = (name: string, priority: number, limit: number, scopeDown: Statement) => ({
      name,
      priority,
      statement: {
        rateBasedStatement: {
          aggregateKeyType: 'IP',
          limit,
          evaluationWindowSec: WINDOW_SECONDS,
          scopeDownStatement: scopeDown,
        },
      },
      action: { block: { customResponse: { responseCode: 429 } } },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Gridwork: per-client rate limits on intake and on approval links',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: `${this.stackName}-WebAcl`,
        sampledRequestsEnabled: true,
      },
      rules: [
        rule('IntakePerClient', 0, props.limits.intakeLimit, {
          andStatement: { statements: [method('POST'), uriPath('/issues', 'EXACTLY')] },
        }),
        rule('LinksPerClient', 1, props.limits.linkLimit, uriPath('/tasks/', 'STARTS_WITH')),
      ],
    });
  }
}

export interface ApiDistributionProps {
  readonly api: HttpApi;
  /** The ARN of the CLOUDFRONT web ACL (FirewallStack). */
  readonly webAclArn: string;
}

/**
 * CloudFront in front of the HTTP API, so the web ACL sees every request with the client's own address. It
 * caches nothing and passes every header but Host (API Gateway routes by its own host name). Its response
 * headers policy adds HSTS and nosniff to every answer, the gateway's own (404, 413, 429) included.
 */
export class ApiDistribution extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** The base URL residents and workers use: links point here, not at the API's own endpoint. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiDistributionProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const apiDomain = Fn.join('.', [props.api.apiId, 'execute-api', stack.region, stack.urlSuffix]);
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Gridwork: HSTS and nosniff on every response',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${stack.stackName}: the API behind the web ACL`,
      webAclId: props.webAclArn,
      defaultBehavior: {
        origin: new HttpOrigin(apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: headers,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Residents report from wherever they are (travel, roaming phones): no country is refused.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        "The API stage's access log records every request that reaches it, and the web ACL's sampled " +
        'requests and metrics show what it blocked; CloudFront logs would add a bucket of client addresses.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The default *.cloudfront.net certificate; a stage with its own domain gets TLSv1.2_2021 with it. Viewers are HTTPS-only.',
    });
  }
}
