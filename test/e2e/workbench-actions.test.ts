// The supervisors' actions from the workbench over real HTTP, against the local runtime (dynalite and the real
// workflow engine): each action wakes the workflow as a link does; wrong unit, wrong level, stale version and bad
// fields are problem+json with the stored case unchanged; every action lands in the audit trail.
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueOfItem } from '#adapters/dynamodb/issue-item.ts';
import { caseKeys } from '#adapters/dynamodb/keys.ts';
import type { AuditEntry } from '#domain/audit.ts';
import type { Issue } from '#domain/issue.ts';
import { acceptedCase } from '#test/support/cases.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { signIn } from '#test/support/sign-in.ts';

let system: TestGridwork;
let client: DynamoDBDocumentClient;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startTestGridwork({ TIME_SCALE: '60' });
  client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: system.gridwork.runtime.dynamodbEndpoint }),
  );
  for (const person of [
    'sup-c-101',
    'sup-c-102',
    'sup-c-103',
    'sup-c-105',
    'sup-c-106',
    'sup-c-107',
    'sup-s-1',
    'sup-s-2',
  ]) {
    tokens[person] = await signIn(system.api, person);
  }
});

afterAll(async () => {
  client?.destroy();
  await system?.stop();
});

async function table(prefix: string): Promise<string> {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  const name = TableNames.find((candidate) => candidate.startsWith(prefix));
  if (!name) throw new Error(`No table ${prefix}`);
  return name;
}

/** The case as stored, read past the API: what a refused action must leave exactly as it was. */
async function stored(id: string): Promise<Issue> {
  const { Item } = await client.send(
    new GetCommand({ TableName: await table('DataCases'), Key: caseKeys.issue(id), ConsistentRead: true }),
  );
  const issue = issueOfItem(Item);
  if (!issue) throw new Error(`No case ${id}`);
  return issue;
}

function act(person: string, caseId: string, body: Record<string, unknown>) {
  return system.api.request<Record<string, unknown>>('POST', `/workbench/api/cases/${caseId}/actions`, {
    json: body,
    headers: { authorization: `Bearer ${tokens[person]}` },
  });
}

/** A report in `gridId`, accepted by its worker: the case now waits on the worker's resolve task. */
async function heldCase(gridId: string, phone = '13900001111') {
  const accepted = await acceptedCase(system.api, {
    category: 'water_supply',
    description: '楼道水管漏水，已持续两天',
    location: { gridId },
    reporter: { name: '刘奶奶', phone },
  });
  return { ...accepted, links: [accepted.acceptLink, accepted.resolveLink] };
}

const tomorrow = () => new Date(Date.now() + 24 * 3_600_000).toISOString();

describe('workbench actions refused', () => {
  it('answers wrong unit, wrong level, stale version and bad fields with problem+json, the case unchanged', async () => {
    // Prepare
    const held = await heldCase('g-002');
    expect(
      (await act('sup-s-1', held.id, { action: 'take_over', version: (await stored(held.id)).version }))
        .status,
    ).toBe(200);
    await system.api.linkSentTo('sup-s-1', held.id);
    const before = await stored(held.id);

    // Act
    const otherStreet = await act('sup-s-2', held.id, { action: 'take_over', version: before.version });
    const wrongLevel = await act('sup-c-102', held.id, { action: 'take_over', version: before.version });
    const stale = await act('sup-s-1', held.id, {
      action: 'supervise',
      version: before.version - 1,
      note: '督办',
      until: tomorrow(),
    });
    const badFields = await act('sup-s-1', held.id, { action: 'supervise', version: before.version });
    const noAppeal = await act('sup-s-1', held.id, {
      action: 'decide_appeal',
      version: before.version,
      decision: 'uphold',
    });

    // Assess
    expect(otherStreet).toMatchObject({ status: 404, contentType: 'application/problem+json' });
    expect(wrongLevel).toMatchObject({ status: 403, contentType: 'application/problem+json' });
    expect(wrongLevel.body.detail).toMatch(/level above/);
    expect(stale).toMatchObject({ status: 409, contentType: 'application/problem+json' });
    expect(stale.body.detail).toMatch(/changed since you saw it/);
    expect(badFields).toMatchObject({ status: 422, contentType: 'application/problem+json' });
    expect((badFields.body.errors as { path: string }[]).map((error) => error.path).sort()).toEqual([
      'note',
      'until',
    ]);
    expect(noAppeal).toMatchObject({ status: 409, contentType: 'application/problem+json' });
    expect(await stored(held.id)).toEqual(before);
  });
});

describe('workbench actions done', () => {
  it('supervises, reassigns and transfers, each waking the workflow as a link would', async () => {
    // Prepare
    const [supervised, moved, sent] = await Promise.all([
      heldCase('g-001'),
      heldCase('g-003'),
      heldCase('g-005'),
    ]);
    const until = tomorrow();

    // Act
    const supervise = await act('sup-c-101', supervised.id, {
      action: 'supervise',
      version: (await stored(supervised.id)).version,
      note: '请今日内修复',
      until,
    });
    const outside = await act('sup-c-103', moved.id, {
      action: 'reassign',
      version: (await stored(moved.id)).version,
      gridId: 'g-004',
    });
    const reassign = await act('sup-s-1', moved.id, {
      action: 'reassign',
      version: (await stored(moved.id)).version,
      gridId: 'g-004',
    });
    const transfer = await act('sup-c-105', sent.id, {
      action: 'transfer',
      version: (await stored(sent.id)).version,
      departmentId: 'dep-water',
      note: '供水管网问题',
    });

    // Assess
    expect([supervise.status, outside.status, reassign.status, transfer.status]).toEqual([
      200, 403, 200, 200,
    ]);
    await system.api.linkSentTo(supervised.workerId, supervised.id, supervised.links);
    const kept = await stored(supervised.id);
    expect(kept).toMatchObject({
      supervisedUntil: until,
      level: 'grid',
      task: { kind: 'resolve', assignee: { id: supervised.workerId }, deadline: until },
    });
    await system.api.waitForIssue(
      moved.id,
      (issue) => issue.gridId === 'g-004' && issue.status === 'assigned',
      'offered in g-004',
    );
    await system.api.linkSentTo('dep-water-h1', sent.id);
    expect((await stored(sent.id)).transfer).toMatchObject({
      department: { id: 'dep-water' },
      from: { assignee: { id: 'sup-c-105' }, level: 'community' },
    });
  });

  it('approves a deferral the holder asked for, in the approver’s place', async () => {
    // Prepare
    const held = await heldCase('g-007');
    const until = new Date(
      Date.parse((await stored(held.id)).resolveDeadline ?? '') + 3 * 24 * 3_600_000,
    ).toISOString();
    expect(
      (await system.api.act(held.resolveLink, { action: 'defer', note: '等待配件', until })).status,
    ).toBe(200);

    // Act
    const decided = await act('sup-c-107', held.id, {
      action: 'decide_change',
      version: (await stored(held.id)).version,
      decision: 'approve',
    });

    // Assess
    expect(decided.status).toBe(200);
    expect(await stored(held.id)).toMatchObject({
      deferrals: 1,
      request: { status: 'approved', approver: { id: 'sup-c-107' } },
    });
    await system.api.linkSentTo(held.workerId, held.id, held.links);
  });

  it('merges a duplicate: closed, its resident told with the kept case’s link, counted once', async () => {
    // Prepare
    const kept = await heldCase('g-006', '13900002222');
    const duplicate = await heldCase('g-006', '13900003333');

    // Act
    const merged = await act('sup-c-106', duplicate.id, {
      action: 'merge',
      version: (await stored(duplicate.id)).version,
      intoCaseId: kept.id,
    });

    // Assess
    expect(merged).toMatchObject({ status: 200, body: { issueId: duplicate.id, status: 'closed' } });
    expect(await stored(duplicate.id)).toMatchObject({ status: 'closed', mergedInto: kept.id });
    const told = await vi.waitFor(async () => {
      const [message] = (await system.api.outbox(`reporter:${duplicate.id}`)).filter(
        (item) => item.subject === '案件合并办理',
      );
      if (!message) throw new Error('The resident was not told yet');
      return message;
    });
    expect(told.link).toContain(`/track/${kept.id}#token=`);
    await vi.waitFor(
      async () => expect(await system.api.stats('grid', 'g-006')).toMatchObject({ received: 1, open: 1 }),
      { timeout: 15_000, interval: 100 },
    );
  });

  it('records every action in the audit trail with its actor, never a resident’s phone', async () => {
    // Act
    const { Items = [] } = await client.send(new ScanCommand({ TableName: await table('DataAuditTrail') }));
    const entries = Items as AuditEntry[];

    // Assess
    expect(new Set(entries.map((entry) => `${entry.actor} ${entry.action}`))).toEqual(
      new Set([
        'sup-s-1 took_over',
        'sup-c-101 supervised',
        'sup-s-1 reassigned',
        'sup-c-105 transferred',
        'sup-c-107 decided_change',
        'sup-c-106 merged',
      ]),
    );
    expect(entries.every((entry) => entry.caseId)).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/139\d{8}/);
  });
});
