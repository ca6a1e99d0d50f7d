// List prices the cost estimate uses, in one place. On-demand, first pricing tier, free tiers ignored.
//
// Sources (read 2026-05; check before quoting — prices move):
//   us-east-1: aws.amazon.com/lambda/pricing (Arm), aws.amazon.com/step-functions/pricing (Standard),
//     aws.amazon.com/dynamodb/pricing/on-demand (after the November 2024 on-demand price cut),
//     aws.amazon.com/api-gateway/pricing (HTTP APIs, first 300 million), aws.amazon.com/ses/pricing.
//   cn-northwest-1 (Ningxia, operated by NWCD, billed in CNY): amazonaws.cn/en/dynamodb/pricing (on-demand
//     write requests); the Lambda, Step Functions and API Gateway figures are from the amazonaws.cn pricing
//     pages as last read and are marked `verify` below — confirm them on amazonaws.cn before relying on them.
//   CNY figures are converted at CNY_PER_USD for the table; the CNY value is kept alongside.

export const PRICES_READ_ON = '2026-05';
export const CNY_PER_USD = 7.2;

export interface RegionPrices {
  region: string;
  currency: 'USD' | 'CNY';
  lambdaPerMillionRequests: number;
  /** Arm (arm64) duration price per GB-second. */
  lambdaArmPerGbSecond: number;
  stepFunctionsPerThousandTransitions: number;
  dynamoPerMillionWriteUnits: number;
  dynamoPerMillionReadUnits: number;
  httpApiPerMillionRequests: number;
  /** Prices that come from memory of the pricing page rather than a copy read for this table. */
  verify: readonly string[];
}

export const REGION_PRICES: readonly RegionPrices[] = [
  {
    region: 'us-east-1',
    currency: 'USD',
    lambdaPerMillionRequests: 0.2,
    lambdaArmPerGbSecond: 0.0000133334,
    stepFunctionsPerThousandTransitions: 0.025,
    dynamoPerMillionWriteUnits: 0.625,
    dynamoPerMillionReadUnits: 0.125,
    httpApiPerMillionRequests: 1.0,
    verify: [],
  },
  {
    region: 'cn-northwest-1',
    currency: 'CNY',
    lambdaPerMillionRequests: 1.36,
    lambdaArmPerGbSecond: 0.0000907816,
    stepFunctionsPerThousandTransitions: 0.2,
    dynamoPerMillionWriteUnits: 11.1538,
    dynamoPerMillionReadUnits: 2.2308,
    httpApiPerMillionRequests: 7.44,
    verify: [
      'lambdaPerMillionRequests',
      'lambdaArmPerGbSecond',
      'stepFunctionsPerThousandTransitions',
      'dynamoPerMillionReadUnits',
      'httpApiPerMillionRequests',
    ],
  },
];

/** Messaging is priced per message and by destination; listed apart from the per-issue compute cost. */
export const MESSAGING_PRICES = {
  /** Amazon SES outbound e-mail, us-east-1. */
  sesPerThousandEmailsUsd: 0.1,
  /** SNS SMS is priced per destination country and carrier (China mainland needs a registered sender). */
  smsNote: 'SMS: per message, by destination country (aws.amazon.com/sns/sms-pricing); not included',
} as const;

/** The configured function memory (infra/constructs/gridwork-function.ts default) in GB. */
export const FUNCTION_MEMORY_GB = 512 / 1024;

export interface UsagePerIssue {
  lambdaInvocations: number;
  /** Sum over invocations of billed duration (ms, each rounded up to 1 ms). */
  lambdaMs: number;
  transitions: number;
  writeUnits: number;
  readUnits: number;
  apiRequests: number;
}

export interface CostPerThousand {
  region: string;
  currency: string;
  lambdaRequests: number;
  lambdaDuration: number;
  stepFunctions: number;
  dynamoWrites: number;
  dynamoReads: number;
  httpApi: number;
  total: number;
  totalUsd: number;
}

/** The cost of 1,000 issues with the given usage each, in a region's currency and in USD. */
export function costPerThousand(usage: UsagePerIssue, prices: RegionPrices): CostPerThousand {
  const n = 1000;
  const parts = {
    lambdaRequests: ((usage.lambdaInvocations * n) / 1e6) * prices.lambdaPerMillionRequests,
    lambdaDuration: ((usage.lambdaMs * n) / 1000) * FUNCTION_MEMORY_GB * prices.lambdaArmPerGbSecond,
    stepFunctions: ((usage.transitions * n) / 1000) * prices.stepFunctionsPerThousandTransitions,
    dynamoWrites: ((usage.writeUnits * n) / 1e6) * prices.dynamoPerMillionWriteUnits,
    dynamoReads: ((usage.readUnits * n) / 1e6) * prices.dynamoPerMillionReadUnits,
    httpApi: ((usage.apiRequests * n) / 1e6) * prices.httpApiPerMillionRequests,
  };
  const total = Object.values(parts).reduce((sum, value) => sum + value, 0);
  const toUsd = prices.currency === 'USD' ? 1 : 1 / CNY_PER_USD;
  return { region: prices.region, currency: prices.currency, ...parts, total, totalUsd: total * toUsd };
}

/** The usage of a mix of two paths, `shareOfB` of the issues taking the second. */
export function blend(a: UsagePerIssue, b: UsagePerIssue, shareOfB: number): UsagePerIssue {
  const mix = (x: number, y: number) => x * (1 - shareOfB) + y * shareOfB;
  return {
    lambdaInvocations: mix(a.lambdaInvocations, b.lambdaInvocations),
    lambdaMs: mix(a.lambdaMs, b.lambdaMs),
    transitions: mix(a.transitions, b.transitions),
    writeUnits: mix(a.writeUnits, b.writeUnits),
    readUnits: mix(a.readUnits, b.readUnits),
    apiRequests: mix(a.apiRequests, b.apiRequests),
  };
}
