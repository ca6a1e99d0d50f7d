// Ignored cases: the measurement that showed loops without bounds, repeated. Eleven safety-hazard reports nobody
// acts on climb to the district and stay there for some simulated days at a high TIME_SCALE; counted are the
// messages sent, each case's timeline and stored item, and the process's memory and data folder, early and late.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { issueOfItem, storedBytes } from '#adapters/dynamodb/issue-item.ts';
import { caseKeys, isOutboxKey } from '#adapters/dynamodb/keys.ts';
import type { Issue } from '#domain/issue.ts';
import { ApiClient } from '#test/support/api-client.ts';
import type { Sizes } from './modes.ts';
import { type BenchRuntime, casesTable, startBenchRuntime } from './runtime.ts';
import { round } from './stats.ts';

export interface IgnoredResult {
  cases: number;
  simulatedDays: number;
  timeScale: number;
  /** Every message sent (outbox items), and those per case and simulated day. */
  messages: number;
  messagesPerCaseDay: number;
  /** The longest timeline of any case (entries) and the largest stored case item (bytes). */
  maxTimelineEntries: number;
  maxItemBytes: number;
  /** RSS after a full collection once every case waits at its grid, and at the end; the data folder likewise. */
  rssMbStart: number;
  rssMbEnd: number;
  dataMbStart: number;
  dataMbEnd: number;
  wallSeconds: number;
}

const CASES = 11;
const DAY_MS = 86_400_000;
// A Monday morning, China time: the days that follow hold weekends, as real ones do.
const BUSINESS_START = '2026-03-02T09:00:00+08:00';

function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return round(process.memoryUsage().rss / 1024 / 1024, 1);
}

async function dataMb(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return round(bytes / 1024 / 1024, 1);
}

async function countMessages(system: BenchRuntime): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await system.observer.send(
      new ScanCommand({ TableName: casesTable(), ExclusiveStartKey: start, ProjectionExpression: 'pk' }),
    );
    count += (page.Items ?? []).filter((item) => isOutboxKey(item)).length;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

async function storedCase(system: BenchRuntime, id: string): Promise<{ entries: number; bytes: number }> {
  const { Item } = await system.observer.send(
    new GetCommand({ TableName: casesTable(), Key: caseKeys.issue(id), ConsistentRead: true }),
  );
  const issue: Partial<Issue> = issueOfItem(Item) ?? {};
  return { entries: issue.timeline?.length ?? 0, bytes: storedBytes(Item) };
}

/** Runs the scenario for `sizes.ignoredDays` simulated days at `sizes.ignoredTimeScale`. */
export async function ignoredCases(sizes: Sizes, dataDir: string): Promise<IgnoredResult> {
  const timeScale = sizes.ignoredTimeScale;
  const startedAt = Date.now();
  const system = await startBenchRuntime({
    dataDir,
    timeScale,
    clockAnchor: `${new Date(BUSINESS_START).toISOString()}@${new Date(startedAt).toISOString()}`,
  });
  try {
    const api = new ApiClient(system.url, system.outboxToken);
    const ids: string[] = [];
    for (let index = 0; index < CASES; index++) {
      const gridId = `g-${String(201 + index)}`;
      const response = await api.report({
        category: 'safety_hazard',
        description: `网格 ${gridId}：楼道电线裸露，无人处理`,
        location: { gridId },
      });
      if (response.status !== 201) throw new Error(`Intake answered ${response.status}`);
      ids.push(String(response.body.id));
    }
    const rssMbStart = rssMb();
    const dataMbStart = await dataMb(dataDir);
    const endsAt = startedAt + (sizes.ignoredDays * DAY_MS) / timeScale;
    // The scenario is time itself: nothing to poll for but the clock.
    while (Date.now() < endsAt) await new Promise((resolve) => setTimeout(resolve, 250));
    const stored = await Promise.all(ids.map((id) => storedCase(system, id)));
    const messages = await countMessages(system);
    return {
      cases: CASES,
      simulatedDays: sizes.ignoredDays,
      timeScale,
      messages,
      messagesPerCaseDay: round(messages / CASES / sizes.ignoredDays, 2),
      maxTimelineEntries: Math.max(...stored.map((item) => item.entries)),
      maxItemBytes: Math.max(...stored.map((item) => item.bytes)),
      rssMbStart,
      rssMbEnd: rssMb(),
      dataMbStart,
      dataMbEnd: await dataMb(dataDir),
      wallSeconds: round((Date.now() - startedAt) / 1000, 1),
    };
  } finally {
    await system.close();
  }
}
