// Lifecycle throughput and cost units: issues driven report → accept → resolve → rate → closed over HTTP
// (a share left to escalate one level first), counting per issue what AWS would bill.

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { issueOfItem } from '#adapters/dynamodb/issue-item.ts';
import { caseKeys } from '#adapters/dynamodb/keys.ts';
import { stepFunctionsClient } from '#adapters/step-functions/workflow-engine.ts';
import { linkToken } from '#domain/links.ts';
import { ApiClient } from '#test/support/api-client.ts';
import { issueSizedItem, rawPutLatencies } from './floor.ts';
import { IssueEvents, isClosed, isOffer, isRating } from './issue-events.ts';
import { Meter, type MeterSnapshot } from './metering.ts';
import type { Sizes } from './modes.ts';
import { blend, costPerThousand, MESSAGING_PRICES, REGION_PRICES, type UsagePerIssue } from './prices.ts';
import {
  type BenchRuntime,
  benchTemplate,
  casesTable,
  countingCaughtUp,
  functionNamesOf,
  startBenchRuntime,
} from './runtime.ts';
import { mean, median, percentile, round } from './stats.ts';

/**
 * Deadlines pass 600× faster: an ignored urgent report (30 min to accept) escalates after 3 s, while the happy
 * path's category (4 h to accept) leaves the driver 24 s per step, far more than it needs.
 */
const TIME_SCALE = 600;
const HAPPY_CATEGORY = 'other';
const ESCALATED_CATEGORY = 'safety_hazard';

export interface PathCounts {
  issues: number;
  /** How long after a case's write its change was counted into the figures (stream batches taken), ms. */
  countingLagMs: { p50: number; p99: number; max: number };
  wallSeconds: number;
  lifecyclesPerSecond: number;
  perIssue: {
    transitions: number;
    lambdaInvocations: number;
    invocationsByFunction: Record<string, number>;
    meanHandlerMsByFunction: Record<string, number>;
    lambdaBilledMs: number;
    apiRequests: number;
    writeUnits: number;
    writeUnitsWithIndex: number;
    writeUnitsByItem: Record<string, number>;
    readUnits: number;
    dynamoRequests: number;
    conditionFailures: number;
    messages: number;
    stepFunctionsRequests: Record<string, number>;
  };
}

export interface LifecycleResult {
  timeScale: number;
  concurrency: number;
  happy: PathCounts;
  escalated: PathCounts;
  escalateShare: number;
  /** Raw PutItem throughput at the same concurrency, and what it allows for this many DynamoDB calls. */
  floorPutsPerSecond: number;
  throughputVsFloorCeiling: number;
  costPer1000: ReturnType<typeof costPerThousand>[];
  costPer1000Blended: ReturnType<typeof costPerThousand>[];
  emailUsdPer1000: number;
  assumptions: string[];
}

class Driver {
  readonly events = new IssueEvents();
  readonly api: ApiClient;
  apiRequests = 0;

  constructor(readonly system: BenchRuntime) {
    this.api = new ApiClient(system.url, system.outboxToken);
  }

  private async link(issueId: string): Promise<string> {
    const { Item } = await this.system.observer.send(
      new GetCommand({ TableName: casesTable(), Key: caseKeys.issue(issueId), ConsistentRead: true }),
    );
    const task = issueOfItem(Item)?.task;
    if (!task) throw new Error(`${issueId} has no open task`);
    return `${this.system.url}/tasks/${linkToken(this.system.linkKey, issueId, task.seq, task.nonce)}`;
  }

  private async act(issueId: string, action: string): Promise<void> {
    this.apiRequests += 1;
    const response = await this.api.act(await this.link(issueId), { action });
    if (response.status !== 200) throw new Error(`${action} on ${issueId} answered ${response.status}`);
  }

  /** One issue from report to closure; `escalate` leaves the first task to expire and acts one level up. */
  async lifecycle(gridId: string, escalate: boolean): Promise<string> {
    this.apiRequests += 1;
    const { status, body } = await this.api.report({
      category: escalate ? ESCALATED_CATEGORY : HAPPY_CATEGORY,
      description: escalate ? '楼道配电箱冒烟，有焦糊味' : '小区东门路灯不亮，晚上行人看不清台阶',
      location: { gridId },
      reporter: { phone: '13700001111' },
    });
    if (status !== 201) throw new Error(`POST /issues answered ${status}`);
    const id = body.id;
    const firstLevel = escalate ? 'community' : 'grid';
    const accept = await this.events.next(
      id,
      isOffer((offer) => offer.level === firstLevel),
    );
    await this.act(id, 'accept');
    await this.events.next(
      id,
      isOffer((offer) => offer.seq === accept.seq + 1 && offer.task === 'resolve'),
    );
    await this.act(id, 'resolve');
    await this.events.next(id, isRating);
    this.apiRequests += 1;
    const rated = await this.api.rate(id, body.trackingToken, { score: 5 });
    if (rated.status !== 200) throw new Error(`rating ${id} answered ${rated.status}`);
    await this.events.next(id, isClosed);
    this.events.forget(id);
    return id;
  }
}

function perIssue(snapshot: MeterSnapshot, apiRequests: number, n: number): PathCounts['perIssue'] {
  const per = (value: number) => round(value / n, 3);
  const invocations = Object.entries(snapshot.invocations);
  const dynamoRequests = Object.values(snapshot.dynamo.requests).reduce((sum, value) => sum + value, 0);
  return {
    transitions: per(snapshot.transitions),
    lambdaInvocations: per(invocations.reduce((sum, [, entry]) => sum + entry.count, 0)),
    invocationsByFunction: Object.fromEntries(invocations.map(([name, entry]) => [name, per(entry.count)])),
    meanHandlerMsByFunction: Object.fromEntries(
      invocations.map(([name, entry]) => [name, round(entry.totalMs / entry.count)]),
    ),
    lambdaBilledMs: per(invocations.reduce((sum, [, entry]) => sum + entry.billedMs, 0)),
    apiRequests: per(apiRequests),
    writeUnits: per(snapshot.dynamo.writeUnits),
    writeUnitsWithIndex: per(snapshot.dynamo.writeUnits + snapshot.dynamo.indexWriteUnits),
    writeUnitsByItem: Object.fromEntries(
      Object.entries(snapshot.dynamo.writeUnitsByItem).map(([kind, units]) => [kind, per(units)]),
    ),
    readUnits: per(snapshot.dynamo.readUnits),
    dynamoRequests: per(dynamoRequests),
    conditionFailures: per(snapshot.dynamo.conditionFailures),
    messages: per(snapshot.dynamo.messages),
    stepFunctionsRequests: Object.fromEntries(
      Object.entries(snapshot.stepFunctionsRequests).map(([name, count]) => [name, per(count)]),
    ),
  };
}

async function drive(
  driver: Driver,
  meter: Meter,
  lags: number[],
  count: number,
  concurrency: number,
  escalate: boolean,
): Promise<PathCounts> {
  meter.reset();
  lags.length = 0;
  driver.apiRequests = 0;
  const startedAt = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await driver.lifecycle(`g-${String((index % 288) + 1).padStart(3, '0')}`, escalate);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const wallSeconds = (performance.now() - startedAt) / 1000;
  // The counting these cases caused belongs to them: wait for it before reading the meter.
  await countingCaughtUp(driver.system);
  return {
    issues: count,
    countingLagMs: {
      p50: round(percentile(lags, 50)),
      p99: round(percentile(lags, 99)),
      max: round(Math.max(0, ...lags)),
    },
    wallSeconds: round(wallSeconds),
    lifecyclesPerSecond: round(count / wallSeconds),
    perIssue: perIssue(meter.snapshot(), driver.apiRequests, count),
  };
}

function usageOf(counts: PathCounts['perIssue']): UsagePerIssue {
  return {
    lambdaInvocations: counts.lambdaInvocations,
    lambdaMs: counts.lambdaBilledMs,
    transitions: counts.transitions,
    // What AWS bills: the table's units and the casesByGrid index's (created, then moved from open to closed).
    writeUnits: counts.writeUnitsWithIndex,
    readUnits: counts.readUnits,
    apiRequests: counts.apiRequests,
  };
}

export async function lifecycleCost(sizes: Sizes, dataDir: string): Promise<LifecycleResult> {
  const meter = new Meter(functionNamesOf(await benchTemplate()));
  const lags: number[] = [];
  let driver: Driver | undefined;
  meter.invokeListeners.push((name, record) => {
    if (record.failed || !driver) return;
    const event = record.event as { issueId?: string; step?: { seq: number; task: string; level: string } };
    if (!event.issueId) return;
    if (name === 'offer-task' && event.step)
      driver.events.emit(event.issueId, { kind: 'offer', ...event.step });
    if (name === 'await-rating') driver.events.emit(event.issueId, { kind: 'rating' });
  });
  meter.stateListeners.push((executionArn, stateName) => {
    if (stateName !== 'IssueClosed' || !driver) return;
    driver.events.emit(executionArn.slice(executionArn.lastIndexOf(':') + 1), { kind: 'closed' });
  });
  const system = await startBenchRuntime({
    dataDir,
    timeScale: TIME_SCALE,
    awsSizedTokens: true,
    instrumentation: {
      ...meter.instrumentation,
      onStreamBatch: (writtenAt) => {
        const now = Date.now();
        for (const at of writtenAt) lags.push(now - at);
      },
    },
  });
  try {
    driver = new Driver(system);
    meter.attachDynamo(documentClient());
    meter.attachStepFunctions(stepFunctionsClient());
    // Warm-up: every handler module imported and every client connected before anything is counted.
    const warm = await Promise.all([driver.lifecycle('g-001', false), driver.lifecycle('g-002', false)]);
    await countingCaughtUp(system);

    const concurrency = sizes.lifecycleConcurrency;
    // A share of 0 skips escalation (its deadline is seconds of wall time): the smoke test does that.
    const escalatedCount =
      sizes.escalateShare > 0 ? Math.max(1, Math.round(sizes.lifecycleIssues * sizes.escalateShare)) : 0;
    const happy = await drive(
      driver,
      meter,
      lags,
      sizes.lifecycleIssues - escalatedCount,
      concurrency,
      false,
    );
    const escalated =
      escalatedCount > 0 ? await drive(driver, meter, lags, escalatedCount, concurrency, true) : happy;

    const item = await issueSizedItem(system, warm[0] as string);
    const floorCount = Math.max(50, Math.min(1000, sizes.lifecycleIssues * 2));
    const floorStarted = performance.now();
    await rawPutLatencies(system, item, floorCount, concurrency);
    const floorPutsPerSecond = floorCount / ((performance.now() - floorStarted) / 1000);
    const ceiling = floorPutsPerSecond / happy.perIssue.dynamoRequests;

    const happyUsage = usageOf(happy.perIssue);
    const escalatedUsage = usageOf(escalated.perIssue);
    const blended = blend(happyUsage, escalatedUsage, sizes.escalateShare);
    const messages =
      happy.perIssue.messages * (1 - sizes.escalateShare) + escalated.perIssue.messages * sizes.escalateShare;
    return {
      timeScale: TIME_SCALE,
      concurrency,
      happy,
      escalated,
      escalateShare: sizes.escalateShare,
      floorPutsPerSecond: round(floorPutsPerSecond),
      throughputVsFloorCeiling: round(happy.lifecyclesPerSecond / ceiling, 3),
      costPer1000: REGION_PRICES.map((prices) => costPerThousand(happyUsage, prices)),
      costPer1000Blended: REGION_PRICES.map((prices) => costPerThousand(blended, prices)),
      emailUsdPer1000: round(((messages * 1000) / 1000) * MESSAGING_PRICES.sesPerThousandEmailsUsd, 4),
      assumptions: [
        'Lambda duration = handler time measured in-process here (dynalite round trips included), billed per ' +
          'invocation rounded up to 1 ms, at 512 MB arm64; cold starts (init) are not included.',
        'Write units include the casesByGrid index, which dynalite does not report: it projects keys only, so it ' +
          'is written when an issue is created (1 unit) and when it closes (a delete and a put, 2 units).',
        'A write that fails its condition is counted as 1 write unit (AWS bills it; dynalite reports none).',
        'Outbox writes (local stand-in for SMS/e-mail) are not in the DynamoDB figures; messages are ' +
          'listed apart.',
        'State transitions = states entered (Task, Choice, Succeed), as Step Functions Standard bills them.',
        `Handler time samples: ${median(Object.values(happy.perIssue.meanHandlerMsByFunction))} ms median of ` +
          `per-function means (mean of means ${round(mean(Object.values(happy.perIssue.meanHandlerMsByFunction)))} ms).`,
      ],
    };
  } finally {
    await system.close();
  }
}
