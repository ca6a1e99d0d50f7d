// Retention and follow-up over HTTP on the local engine: the template's daily sweep, fired by the local
// schedule runner on business time, erases closed cases' contacts; a supervisor signed in by phone records a
// follow-up call (回访) on a badly rated case.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueOfItem } from '#adapters/dynamodb/issue-item.ts';
import { caseKeys } from '#adapters/dynamodb/keys.ts';
import { demoDistrict } from '#local/seed/demo-district.ts';
import { type ApiClient, COUNTED } from '#test/support/api-client.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';
import { latestSignInCode } from '#test/support/sign-in.ts';

// A business day passes in 10 s, so the daily sweep runs every 10 s. Business time starts the evening before
// National Day: the working-time deadlines of a sanitation case wait for the holiday's end (7.5 days, 75 s,
// minus the start's seconds), so no escalation interrupts the scenarios. Contacts are kept a day after closing
// (10 to 20 s with the sweep's rhythm), time enough to read the figures before the sweep gets to the case.
const TIME = { TIME_SCALE: '8640', CLOCK_START: '2026-09-30T20:00:00+08:00', CONTACT_RETENTION: 'P1D' };
const PHONE = '13900003333';

let system: TestGridwork;
let api: ApiClient;
let grid: { id: string; communityId: string };

beforeAll(async () => {
  system = await startTestGridwork(TIME);
  api = system.api;
  const page = await api.request<{ items: { id: string; communityId: string }[] }>('GET', '/grids?limit=1');
  grid = page.body.items[0] ?? { id: '', communityId: '' };
});

afterAll(async () => {
  await system?.stop();
});

/** Reports a case with the resident's phone, has the grid accept and resolve it, and the resident rate it. */
async function ratedCase(score: number) {
  const receipt = await api.report({
    category: 'sanitation',
    description: '小区门口垃圾满溢',
    location: { gridId: grid.id },
    reporter: { name: '居民', phone: PHONE },
  });
  const { id, trackingToken } = receipt.body;
  const accept = await api.waitForTaskLink(id);
  await api.act(accept.link, { action: 'accept' });
  const resolve = await api.waitForTaskLink(id, [accept.link]);
  await api.act(resolve.link, { action: 'resolve', note: '已清运' });
  await api.waitForIssue(id, (issue) => issue.status === 'resolved', 'resolved');
  expect((await api.rate(id, trackingToken, { score })).status).toBe(200);
  return id;
}

/** The case as stored: what the public view never shows (the resident's contact). */
async function storedCase(id: string) {
  const env = Object.values(system.gridwork.runtime.functionEnv).find((vars) => vars.CASES_TABLE);
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: system.gridwork.runtime.dynamodbEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const { Item } = await client.send(
    new GetCommand({ TableName: env?.CASES_TABLE, Key: caseKeys.issue(id), ConsistentRead: true }),
  );
  client.destroy();
  return issueOfItem(Item);
}

async function signInByPhone(personId: string, phone: string): Promise<string> {
  const asked = await api.request('POST', '/auth/code', { json: { person: phone } });
  expect(asked.status).toBe(202);
  const code = await vi.waitFor(async () => {
    const found = await latestSignInCode(api, personId);
    if (!found) throw new Error(`no code for ${personId} yet`);
    return found;
  });
  const token = await api.request<{ access_token: string }>('POST', '/auth/token', {
    json: { person: phone, code },
  });
  expect(token.status).toBe(200);
  return token.body.access_token;
}

describe('retention of residents’ contacts', () => {
  it('erases a closed case’s contacts after CONTACT_RETENTION, keeping its timeline and figures', async () => {
    const id = await ratedCase(5);
    await api.waitForIssue(id, (issue) => issue.status === 'closed', 'closed');
    await vi.waitFor(() => expect(system.gridwork.runtime.streamBacklog()).toBe(0), COUNTED);
    const { asOf: _before, ...figures } = await api.stats('grid', grid.id);
    const before = await api.issue(id);
    // Read before the sweep reached it, or the comparison below would prove nothing.
    expect(before.timeline.map((event) => event.type)).not.toContain('contacts_erased');
    expect((await storedCase(id))?.reporter).toEqual({ name: '居民', phone: PHONE });

    const after = await api.waitForIssue(
      id,
      (issue) => issue.timeline.some((event) => event.type === 'contacts_erased'),
      'erased',
      40_000,
    );

    const stored = await storedCase(id);
    expect(stored?.reporter).toBeUndefined();
    expect(stored?.contactsErasedAt).toEqual(after.timeline.at(-1)?.at);
    expect(JSON.stringify(stored)).not.toContain(PHONE);
    expect(after.timeline.slice(0, -1)).toEqual(before.timeline);
    await vi.waitFor(() => expect(system.gridwork.runtime.streamBacklog()).toBe(0), COUNTED);
    // The erasure is a counted change like any (`asOf` moves on) that changes no figure.
    const { asOf: _after, ...counted } = await api.stats('grid', grid.id);
    expect(counted).toEqual(figures);
    expect(figures).toMatchObject({ received: 1, closed: 1 });
  });
});

describe('follow-up calls and sign-in by phone', () => {
  it('lets the community’s supervisor, signed in by phone, record and list a call on a badly rated case', async () => {
    const supervisorId = `sup-${grid.communityId}`;
    const phone = demoDistrict().people.find((person) => person.id === supervisorId)?.phone ?? '';
    const [bad, good] = await Promise.all([ratedCase(1), ratedCase(5)]);
    const token = await signInByPhone(supervisorId, `+86 ${phone.slice(0, 3)}-${phone.slice(3)}`);
    const auth = { authorization: `Bearer ${token}` };
    const path = (id: string) => `/workbench/api/cases/${id}/follow-ups`;
    const call = {
      caller: '王书记',
      calledAt: new Date(Date.parse('2026-09-30T12:00:00Z')).toISOString(),
      residentSaid: '已经清理干净了，谢谢。',
      satisfied: true,
    };

    const unknown = await api.request('POST', '/auth/code', { json: { person: '13000000000' } });
    const invalid = await api.request('POST', path(bad), {
      json: { ...call, satisfied: 'yes' },
      headers: auth,
    });
    const wellRated = await api.request('POST', path(good), { json: call, headers: auth });
    const recorded = await api.request('POST', path(bad), { json: call, headers: auth });
    const listed = await api.request('GET', path(bad), { headers: auth });

    expect(unknown.status).toBe(202);
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ errors: [{ path: 'satisfied' }] });
    expect(wellRated.status).toBe(409);
    expect(recorded.status).toBe(201);
    const followUp = {
      ...call,
      recordedBy: { scope: 'community', unitId: grid.communityId, personId: supervisorId },
      recordedAt: expect.any(String),
    };
    expect(recorded.body).toEqual({ caseId: bad, followUps: [followUp] });
    expect(listed.body).toEqual(recorded.body);
    const timeline = (await api.issue(bad)).timeline;
    expect(timeline.filter((event) => event.type === 'followed_up')).toHaveLength(1);
    expect(JSON.stringify(timeline)).not.toContain('清理干净');
  });
});
