// Ignored safety hazards left at the district for 60 simulated days, on the whole local system in this process
// (dynalite and the local Step Functions engine, over HTTP): the reminders keep a working-day rhythm, the case
// item stays small, and the process's memory and data folder do not grow with the cases' age.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { storedBytes } from '#adapters/dynamodb/issue-item.ts';
import { caseKeys } from '#adapters/dynamodb/keys.ts';
import { DEFAULT_CALENDAR } from '#domain/china-calendar.ts';
import { chinaDay, deadlineAfter, isWorkingDay } from '#domain/working-time.ts';
import type { ApiClient } from '#test/support/api-client.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

// A simulated day is one real second: the shortest wait Step Functions takes is a whole second, so this is
// the fastest pace at which a once-a-morning rhythm can still be told apart from anything faster.
const TIME_SCALE = 86_400;
const DAY_MS = 86_400_000;
// The evening before the eve of National Day: business time races on while the runtime finishes starting, so the
// first report is filed around the eve of the Golden Week (1–8 October).
const CLOCK_START = '2025-09-29T18:00:00+08:00';
const CASES = 11;
const DISTRICT_SUPERVISOR = 'sup-d';
// What stays after a full collection may wobble by a few MB, and the data folder by LevelDB's log and
// compaction, but neither may grow with the cases' age.
const HEAP_TOLERANCE_MB = 12;
const DATA_TOLERANCE_MB = 8;

let system: TestGridwork | undefined;
let dataDir: string;
let api: ApiClient;

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: String(TIME_SCALE), CLOCK_START });
  dataDir = system.dataDir;
  api = system.api;
});

afterAll(async () => {
  await system?.stop();
});

// A full collection on demand, without starting the test process with --expose-gc.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Business time now, from the anchor the runtime keeps in its data folder. */
async function businessNow(): Promise<number> {
  const saved = JSON.parse(await readFile(join(dataDir, 'clock.json'), 'utf8')) as {
    business: number;
    real: number;
    timeScale: number;
  };
  return saved.business + (Date.now() - saved.real) * saved.timeScale;
}

async function untilBusiness(instant: number): Promise<void> {
  await vi.waitFor(
    async () => {
      if ((await businessNow()) < instant) throw new Error(`Business time has not reached ${instant} yet`);
    },
    { timeout: 120_000, interval: 50 },
  );
}

async function sizeMb(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      bytes += (await stat(join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return bytes / 1024 / 1024;
}

/** The heap that stays after a full collection, the process's RSS, and the data folder's size. */
async function footprint(): Promise<{ heapMb: number; rssMb: number; dataMb: number }> {
  collectGarbage();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMb: heapUsed / 1024 / 1024, rssMb: rss / 1024 / 1024, dataMb: await sizeMb(dataDir) };
}

async function storedItemBytes(id: string): Promise<number> {
  const endpoint = system?.gridwork.runtime.dynamodbEndpoint;
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  try {
    const tables = await client.send(new ListTablesCommand({}));
    const table = tables.TableNames?.find((name) => name.startsWith('DataCases'));
    const { Item } = await client.send(
      new GetCommand({ TableName: table, Key: caseKeys.issue(id), ConsistentRead: true }),
    );
    return storedBytes(Item);
  } finally {
    client.destroy();
  }
}

function workingDaysBetween(from: number, to: number): number {
  let count = 0;
  for (let instant = from; instant < to; instant += DAY_MS) {
    if (isWorkingDay(chinaDay(new Date(instant)), DEFAULT_CALENDAR)) count += 1;
  }
  return count;
}

describe('a working-time case filed around the eve of a holiday', () => {
  it('gets its resolve deadline in working days counted after the holiday', async () => {
    // Act
    const response = await api.report({
      category: 'neighbour_dispute',
      description: '楼上楼下漏水纠纷，需要调解',
      location: { gridId: 'g-190' },
    });
    const id = String(response.body.id);
    const issue = await api.waitForIssue(
      id,
      (view) => view.resolveDeadline !== null,
      'given a resolve deadline',
    );

    // Assess: 13 working days from the first assignment, none of them in the Golden Week.
    const assigned = issue.timeline.find((event) => event.type === 'assigned');
    const start = new Date(String(assigned?.at));
    expect(issue.resolveDeadline).toBe(
      deadlineAfter(start, 'P13D', 'working', DEFAULT_CALENDAR).toISOString(),
    );
    // Filed on the eve or in the holiday, the count starts on 9 October and takes in the make-up Saturday.
    if (chinaDay(start) >= '2025-09-30' && chinaDay(start) <= '2025-10-08') {
      expect(issue.resolveDeadline).toBe(new Date('2025-10-24T17:30:00+08:00').toISOString());
    }
  });
});

describe('an ignored case at the district for 60 simulated days', () => {
  it('is chased about once per working day, keeps a short timeline, and leaves memory and disk flat', async () => {
    const ids: string[] = [];
    for (let index = 0; index < CASES; index++) {
      const gridId = `g-${String(201 + index)}`;
      // A first call imports the handler; on a busy machine that may outlast its timeout (503): a client retries.
      const response = await vi.waitFor(
        async () => {
          const answer = await api.report({
            category: 'safety_hazard',
            description: `网格 ${gridId} 的测试问题：楼道电线裸露`,
            location: { gridId },
          });
          if (answer.status === 503) throw new Error('Intake answered 503');
          return answer;
        },
        { timeout: 30_000, interval: 500 },
      );
      expect(response.status).toBe(201);
      ids.push(response.body.id as string);
    }
    await vi.waitFor(
      async () => {
        for (const id of ids) {
          const issue = await api.issue(id);
          if (issue.level !== 'district') {
            throw new Error(
              `${id} has not reached the district: ${JSON.stringify(issue.timeline.slice(-2))}`,
            );
          }
        }
      },
      { timeout: 60_000, interval: 200 },
    );
    const arrived = await businessNow();
    const arrivedReal = Date.now();

    await untilBusiness(arrived + 15 * DAY_MS);
    const early = await footprint();
    await untilBusiness(arrived + 60 * DAY_MS);
    const late = await footprint();
    const ended = await businessNow();
    const endedReal = Date.now();

    const workingDays = workingDaysBetween(arrived, ended);
    // Reminders (催办) before the district's own deadline, then the supervision office's chases (督办), all with
    // the same link; the first offer has a subject of its own.
    const chases = (await api.outbox(DISTRICT_SUPERVISOR)).filter((item) =>
      ['【催办】', '【督办】'].includes(item.subject),
    );
    console.info(
      `60 days at the district: ${workingDays} working days, ${chases.length} reminders to the district for ` +
        `${CASES} cases; heap ${early.heapMb.toFixed(0)} → ${late.heapMb.toFixed(0)} MB, RSS ` +
        `${early.rssMb.toFixed(0)} → ${late.rssMb.toFixed(0)} MB, data ` +
        `${early.dataMb.toFixed(1)} → ${late.dataMb.toFixed(1)} MB`,
    );
    for (const id of ids) {
      // Outbox times are real ones: only what was sent in the 60 days counts.
      const about = chases.filter((item) => {
        const sent = Date.parse(item.at);
        return item.link?.includes(`/tasks/${id}.`) && sent >= arrivedReal && sent <= endedReal;
      });
      // At most the district's 50 % and 75 % reminders and one chase each working morning: a chase every wake,
      // weekends and holidays included, would be ~60. A simulated day is one real second here, so a loaded
      // machine may miss some mornings, but the chasing goes on.
      expect(about.length).toBeLessThanOrEqual(workingDays + 3);
      expect(about.length).toBeGreaterThanOrEqual(Math.floor(workingDays / 3));
      const issue = await api.issue(id);
      expect(issue).toMatchObject({ level: 'district', overdue: true, status: 'assigned' });
      expect(issue.timeline.length).toBeLessThanOrEqual(16);
      expect(issue.timeline.at(-1)).toMatchObject({ type: 'reminded', to: DISTRICT_SUPERVISOR });
      expect(await storedItemBytes(id)).toBeLessThan(8_192);
    }
    expect(late.heapMb).toBeLessThan(early.heapMb + HEAP_TOLERANCE_MB);
    expect(late.dataMb).toBeLessThan(early.dataMb + DATA_TOLERANCE_MB);
  }, 240_000);
});
