import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoCalendars, DynamoCategories } from '#adapters/dynamodb/reference-store.ts';
import { allCategories, categoryOf, useCategories } from '#domain/categories.ts';
import { DEFAULT_CALENDAR } from '#domain/china-calendar.ts';
import { HttpRequestError } from '#http/problem.ts';
import { validate } from '#http/request-body.ts';
import { reportBody } from '#http/schemas.ts';
import { REPO_ROOT } from '#infra/paths.ts';
import { seedReferenceDataIfMissing } from '#local/seed/seed.ts';
import { registryImportCli } from '../../shared/registry-import/cli.ts';
import { ImportError, importRegistryFile } from '../../shared/registry-import/import-file.ts';

let server: Server;
let dir: string;
let endpoint: string;
let client: DynamoDBClient;
let tableNumber = 0;

/** A fresh registry table for each test, so each starts from nothing. */
async function freshTable(): Promise<string> {
  const name = `Registry${++tableNumber}`;
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  return name;
}

async function itemCount(table: string): Promise<number> {
  return (await client.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
}

async function fileWith(name: string, content: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

/** The field errors intake answers for a report body; none when it is accepted. */
function fieldErrors(body: unknown): readonly unknown[] {
  try {
    validate(reportBody, body);
    return [];
  } catch (error) {
    if (!(error instanceof HttpRequestError)) throw error;
    return error.problem.errors ?? [];
  }
}

const sink = () => {
  const chunks: string[] = [];
  return { write: (chunk: string) => chunks.push(chunk) > 0, text: () => chunks.join('') };
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gridwork-reference-'));
  server = dynalite({ createTableMs: 0 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  client = new DynamoDBClient({ endpoint });
});

// Reading categories makes them the ones in force, for the whole process: each test starts from the default.
beforeEach(() => {
  useCategories([]);
});

afterAll(async () => {
  useCategories([]);
  client?.destroy();
  server?.close();
  if (server) await once(server, 'close');
  await rm(dir, { recursive: true, force: true });
});

describe('a calendar file', () => {
  it('imports the shipped example and is read back as the district calendar', async () => {
    // Prepare
    const table = await freshTable();

    // Act
    await importRegistryFile({ file: join(REPO_ROOT, 'docs/examples/calendar.json'), table, endpoint });
    const calendar = await new DynamoCalendars(table).calendar();

    // Assess
    expect(calendar).toEqual(DEFAULT_CALENDAR);
  });

  it('falls back to the shipped calendar while the registry holds none', async () => {
    // Act
    const calendar = await new DynamoCalendars(await freshTable()).calendar();

    // Assess
    expect(calendar).toBe(DEFAULT_CALENDAR);
  });

  it('is checked whole: every problem at its line, nothing written', async () => {
    // Prepare
    const table = await freshTable();
    const file = await fileWith(
      'calendar.json',
      `{
  "officeHours": [
    { "start": "08:30", "end": "12:00" },
    { "start": "11:30", "end": "17:30" }
  ],
  "calendarDays": [
    { "date": "2027-02-05", "kind": "holiday", "name": "春节" },
    { "date": "2027-02-30", "kind": "holiday", "name": "春节" },
    { "date": "2027-02-05", "kind": "holiday", "name": "春节" },
    { "date": "2027-02-10", "kind": "workday", "name": "春节调休" },
    { "date": "2027-02-20", "kind": "day off", "name": "春节" }
  ]
}
`,
    );
    const stderr = sink();

    // Act
    const status = await registryImportCli([file, '--table', table, '--endpoint', endpoint], {
      stdout: sink(),
      stderr,
    });

    // Assess
    expect(status).toBe(1);
    expect(stderr.text().split('\n')).toEqual([
      `${file}: 5 problem(s), nothing imported`,
      `  ${file}:4: officeHours: period 2 starts before the previous one ends`,
      `  ${file}:8: calendarDays[1] date: Expected a date as yyyy-mm-dd`,
      `  ${file}:9: calendarDays: 2027-02-05 is given twice`,
      `  ${file}:10: calendarDays: 2027-02-10 is a weekday; a make-up working day is a weekend day`,
      `  ${file}:11: calendarDays[4] kind: Invalid option: expected one of "holiday"|"workday"`,
      '',
    ]);
    expect(await itemCount(table)).toBe(0);
  });

  it('needs its office hours beside its days', async () => {
    // Prepare
    const file = await fileWith('days-only.json', '{ "calendarDays": [] }\n');

    // Act
    const importing = importRegistryFile({ file, table: await freshTable(), endpoint });

    // Assess
    await expect(importing).rejects.toBeInstanceOf(ImportError);
    await expect(importing).rejects.toMatchObject({
      problems: [{ line: undefined, message: expect.stringMatching(/both calendarDays and officeHours/) }],
    });
  });
});

describe('categories and a calendar in CSV', () => {
  it('go through the same checks as JSON and are read back the same', async () => {
    // Prepare
    const table = await freshTable();
    const good = await fileWith(
      'reference.csv',
      [
        'kind,id,code,name,nameEn,urgent,timeBasis,accept,resolve,date,start,end',
        'category,,noise,噪音扰民,Noise,false,working,PT4H,P5D,,,',
        'office,,,,,,,,,,09:00,12:00',
        'office,,,,,,,,,,13:30,17:00',
        'holiday,,,元旦,,,,,,2027-01-01,,',
        'workday,,,春节调休,,,,,,2027-02-13,,',
        '',
      ].join('\n'),
    );
    const bad = await fileWith(
      'bad-reference.csv',
      [
        'kind,id,code,name,nameEn,urgent,timeBasis,accept,resolve,date,start,end',
        'category,,noise,噪音扰民,Noise,sometimes,working,PT4H,P5D,,,',
        'office,,,,,,,,,,09:00,12:00',
        'workday,,,春节调休,,,,,,2027-02-12,,',
        'season,,,,,,,,,,,',
        '',
      ].join('\n'),
    );

    // Act
    const refused = importRegistryFile({ file: bad, table, endpoint });
    await expect(refused).rejects.toBeInstanceOf(ImportError);
    const itemsAfterRefusal = await itemCount(table);
    await importRegistryFile({ file: good, table, endpoint });
    const calendar = await new DynamoCalendars(table).calendar();
    const categories = await new DynamoCategories(table).current();

    // Assess
    await expect(refused).rejects.toMatchObject({
      problems: [
        { line: 2, message: expect.stringMatching(/^categories\[0\] urgent: /) },
        { line: 4, message: expect.stringMatching(/2027-02-12 is a weekday/) },
        { line: 5, message: expect.stringMatching(/^kind: expected unit, grid, person, category/) },
      ],
    });
    expect(itemsAfterRefusal).toBe(0);
    expect(calendar).toEqual({
      holidays: ['2027-01-01'],
      workdays: ['2027-02-13'],
      officeHours: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:00' },
      ],
    });
    expect(categories).toEqual([
      {
        code: 'noise',
        name: '噪音扰民',
        nameEn: 'Noise',
        urgent: false,
        timeBasis: 'working',
        deadlines: { accept: 'PT4H', resolve: 'P5D' },
      },
    ]);
  });
});

describe('a categories file', () => {
  it('adds a category that intake then accepts, in the order of the file, keeping the others', async () => {
    // Prepare
    const table = await freshTable();
    await seedReferenceDataIfMissing(table);
    const file = await fileWith(
      'categories.json',
      JSON.stringify({
        categories: [
          {
            code: 'elevator',
            name: '电梯故障',
            nameEn: 'Lift out of order',
            urgent: true,
            timeBasis: 'calendar',
            deadlines: { accept: 'PT30M', resolve: 'PT12H' },
          },
        ],
      }),
    );
    const categories = new DynamoCategories(table);
    const body = { category: 'elevator', description: '2单元电梯停在半层', location: { gridId: 'g-001' } };
    const before = fieldErrors(body);

    // Act
    await importRegistryFile({ file, table, endpoint });
    const current = await categories.current();

    // Assess
    expect(before).toEqual([{ path: 'category', message: expect.stringContaining('water_supply') }]);
    // Positions come from each file: elevator, first of its file, sorts beside the first of the defaults.
    expect(current.map((category) => category.code)).toEqual([
      'elevator',
      'water_supply',
      'drainage',
      'sanitation',
      'public_facilities',
      'neighbour_dispute',
      'safety_hazard',
      'help_request',
      'other',
    ]);
    expect(categoryOf('elevator')).toMatchObject({ urgent: true, deadlines: { resolve: 'PT12H' } });
    expect(allCategories()).toEqual(current);
    expect(fieldErrors(body)).toEqual([]);
  });

  it('refuses a bad category at its line and writes nothing', async () => {
    // Prepare
    const table = await freshTable();
    const file = await fileWith(
      'bad-categories.json',
      `{
  "categories": [
    { "code": "noise", "name": "噪音", "nameEn": "Noise", "urgent": false, "timeBasis": "working",
      "deadlines": { "accept": "P5D", "resolve": "PT4H" } },
    { "code": "Noise!", "name": "噪音", "nameEn": "Noise", "urgent": false, "timeBasis": "office",
      "deadlines": { "accept": "PT4H", "resolve": "P5D" } }
  ]
}
`,
    );

    // Act
    const importing = importRegistryFile({ file, table, endpoint });

    // Assess
    await expect(importing).rejects.toMatchObject({
      problems: [
        {
          line: 3,
          message:
            'categories[0] deadlines: Expected the accept deadline to be no longer than the resolve deadline',
        },
        { line: 5, message: expect.stringMatching(/^categories\[1\] code: /) },
        { line: 5, message: expect.stringMatching(/^categories\[1\] timeBasis: /) },
      ],
    });
    expect(await itemCount(table)).toBe(0);
  });
});
