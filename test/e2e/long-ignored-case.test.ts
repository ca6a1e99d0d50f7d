// Ignored safety hazards left at the district for 60 simulated days, on `npm start`'s own process (dynalite and
// the local Step Functions engine): the reminders keep a working-day rhythm, the case item stays small, and the
// process's memory and data folder do not grow with the cases' age.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { caseKeys } from '#adapters/dynamodb/keys.ts';
import { DEFAULT_CALENDAR } from '#domain/china-calendar.ts';
import { chinaDay, deadlineAfter, isWorkingDay } from '#domain/working-time.ts';
import { ApiClient } from '#test/support/api-client.ts';
import { type GridworkProcess, spawnGridwork } from '#test/support/gridwork-process.ts';

// A simulated day is one real second: the shortest wait Step Functions takes is a whole second, so this is
// the fastest pace at which a once-a-morning rhythm can still be told apart from anything faster.
const TIME_SCALE = 86_400;
const DAY_MS = 86_400_000;
// The evening before the eve of National Day: business time races on while the runtime finishes starting, so the
// first report is filed around the eve of the Golden Week (1–8 October).
const CLOCK_START = '2025-09-29T18:00:00+08:00';
const CASES = 11;
const DISTRICT_SUPERVISOR = 'sup-d';
// Memory and disk may wobble (garbage collection, LevelDB compaction) but not grow with the cases' age.
const RSS_TOLERANCE_MB = 25;
const DATA_TOLERANCE_MB = 8;

let dataDir: string;
let running: GridworkProcess | undefined;
let api: ApiClient;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gridwork-long-'));
  running = await spawnGridwork({
    DATA_DIR: dataDir,
    TIME_SCALE: String(TIME_SCALE),
    CLOCK_START,
    LOG_LEVEL: 'WARN',
  });
  api = new ApiClient(running.url, running.dashboardToken);
});

afterAll(async () => {
  await running?.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

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

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return kb / 1024;
}

async function sizeMb(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      bytes += (await stat(join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return bytes / 1024 / 1024;
}

/** The lowest RSS over a few simulated days (what stays once garbage is collected), and the data folder's size. */
async function footprint(pid: number): Promise<{ rssMb: number; dataMb: number }> {
  const samples: number[] = [];
  const until = Date.now() + 3_000;
  while (Date.now() < until) {
    samples.push(await rssMb(pid));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { rssMb: Math.min(...samples), dataMb: await sizeMb(dataDir) };
}

async function storedItemBytes(id: string): Promise<number> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: running?.dynamodbEndpoint }));
  try {
    const tables = await client.send(new ListTablesCommand({}));
    const table = tables.TableNames?.find((name) => name.startsWith('DataCases'));
    const { Item } = await client.send(
      new GetCommand({ TableName: table, Key: caseKeys.issue(id), ConsistentRead: true }),
    );
    return Buffer.byteLength(JSON.stringify(Item));
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
    const process = running as GridworkProcess;
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

    await untilBusiness(arrived + 15 * DAY_MS);
    const early = await footprint(process.pid);
    await untilBusiness(arrived + 60 * DAY_MS);
    const late = await footprint(process.pid);
    const ended = await businessNow();

    const workingDays = workingDaysBetween(arrived, ended);
    // Reminders (催办) before the district's own deadline, then the supervision office's chases (督办), all with
    // the same link; the first offer has a subject of its own.
    const chases = (await api.outbox(DISTRICT_SUPERVISOR)).filter((item) =>
      ['【催办】', '【督办】'].includes(item.subject),
    );
    console.info(
      `60 days at the district: ${workingDays} working days, ${chases.length} reminders to the district for ` +
        `${CASES} cases; RSS ${early.rssMb.toFixed(0)} → ${late.rssMb.toFixed(0)} MB, data ` +
        `${early.dataMb.toFixed(1)} → ${late.dataMb.toFixed(1)} MB`,
    );
    for (const id of ids) {
      const about = chases.filter((item) => item.link?.includes(`/tasks/${id}.`));
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
    expect(late.rssMb).toBeLessThan(early.rssMb + RSS_TOLERANCE_MB);
    expect(late.dataMb).toBeLessThan(early.dataMb + DATA_TOLERANCE_MB);
  }, 240_000);
});
