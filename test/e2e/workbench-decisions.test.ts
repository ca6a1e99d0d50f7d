// A supervisor's decisions from the workbench over real HTTP, against the local runtime (dynalite and the real
// workflow engine): an appeal against a bad rating upheld or rejected one level up from the accountable unit, a
// case taken over by a community and then by its street, and the refusals of both actions with the case unchanged.
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it, vi } from 'vitest';
import { COUNTED, type JsonResponse } from '#test/support/api-client.ts';
import { acceptedCase, appealedCase } from '#test/support/cases.ts';
import { type TestGridwork, useTestGridwork } from '#test/support/gridwork-in-process.ts';
import { signIn } from '#test/support/sign-in.ts';

// 60x: an hour of working time lasts a minute, longer than any scenario here, so no deadline passes under a test.
let system: TestGridwork;
useTestGridwork({ TIME_SCALE: '60' }, (started) => {
  system = started;
});
const WAIT = { timeout: 15_000, interval: 25 } as const;

/** Each scenario has its grid to itself, so the grid's figures are that case's alone. */
const UPHELD = { gridId: 'g-009', street: 'sup-s-2' };
const REJECTED = { gridId: 'g-017', street: 'sup-s-3' };
const REFUSED = { gridId: 'g-051', community: 'sup-c-201', street: 'sup-s-2', district: 'sup-d' };
const TAKEN = { gridId: 'g-024', community: 'sup-c-403', street: 'sup-s-4' };

const tokens = new Map<string, Promise<string>>();
/** The person's bearer token, signed in once for the file. */
function tokenOf(person: string): Promise<string> {
  const token = tokens.get(person) ?? signIn(system.api, person);
  tokens.set(person, token);
  return token;
}

interface CasePage {
  case: { status: string; level: string; rating?: { score: number; appeal?: { status: string } } };
  holder: { level: string; assignee?: { id: string } };
  task?: { kind: string; level: string; assignee: { id: string } };
  timeline: { type: string; by?: { id: string }; reason?: string }[];
  version: number;
}

/** The workbench's case page as `person` sees it. */
async function casePage(person: string, caseId: string): Promise<CasePage> {
  const page = await system.api.request<CasePage>('GET', `/workbench/api/cases/${caseId}`, {
    headers: { authorization: `Bearer ${await tokenOf(person)}` },
  });
  if (page.status !== 200) throw new Error(`The case page answered ${page.status}`);
  return page.body;
}

async function act(
  person: string,
  caseId: string,
  body: Record<string, unknown>,
): Promise<JsonResponse<Record<string, unknown>>> {
  return system.api.request('POST', `/workbench/api/cases/${caseId}/actions`, {
    json: body,
    headers: { authorization: `Bearer ${await tokenOf(person)}` },
  });
}

/** The status of the case's workflow execution (its name is the case id), as the local engine reports it. */
async function workflowStatus(caseId: string): Promise<string | undefined> {
  const { runtime } = system.gridwork;
  const sfn = new SFNClient({ endpoint: runtime.stepFunctionsEndpoint });
  try {
    for (const stateMachineArn of Object.values(runtime.stateMachineArns)) {
      const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
      const execution = listed.executions?.find((candidate) => candidate.name === caseId);
      if (execution) return execution.status;
    }
    return undefined;
  } finally {
    sfn.destroy();
  }
}

/** The supervisor's answer to the case's pending appeal, on the version they saw. */
function decideAppeal(
  person: string,
  caseId: string,
  version: number,
  decision: 'uphold' | 'reject',
  note?: string,
) {
  return act(person, caseId, { action: 'decide_appeal', version, decision, ...(note ? { note } : {}) });
}

const types = (page: { timeline: { type: string }[] }) => page.timeline.map((event) => event.type);

/** A case appealed against a bad rating (`score`), the rating counted before anyone decides the appeal. */
async function appealed(gridId: string, score: number) {
  const appeal = await appealedCase(system.api, gridId, score);
  // The bad rating is in the figures before the decision, so their change afterwards is the decision's.
  await vi.waitFor(async () => {
    expect(await system.api.stats('grid', gridId)).toMatchObject({ rated: 1, satisfied: 0 });
  }, COUNTED);
  return { id: appeal.id, rework: appeal.reworkLink, holder: appeal.holderId };
}

/** The message sent to `to` with `subject` about the case. */
function messageTo(to: string, subject: string) {
  return vi.waitFor(async () => {
    const item = (await system.api.outbox(to)).find((message) => message.subject === subject);
    if (!item) throw new Error(`No "${subject}" for ${to} yet`);
    return item;
  }, WAIT);
}

describe('an appeal decided from the workbench (申诉复核)', () => {
  it('upheld by the street before the rework starts: the case closes, the rating leaves the figures but stays on record, the resident is told', async () => {
    // Prepare
    const { id, rework } = await appealed(UPHELD.gridId, 1);
    const before = await casePage(UPHELD.street, id);

    // Act
    const upheld = await decideAppeal(UPHELD.street, id, before.version, 'uphold', '申诉成立');

    // Assess
    expect(upheld).toMatchObject({ status: 200, body: { issueId: id, status: 'closed' } });
    const after = await casePage(UPHELD.street, id);
    expect(after.case).toMatchObject({
      status: 'closed',
      rating: { score: 1, appeal: { status: 'upheld' } },
    });
    expect(types(after)).toContain('rated');
    expect(types(after).slice(-3)).toEqual(['appealed', 'appeal_upheld', 'closed']);
    expect(after.timeline.at(-2)?.by?.id).toBe(UPHELD.street);
    expect((await messageTo(`reporter:${id}`, '评价复核结果')).text).toContain('不计入满意率');
    await vi.waitFor(async () => {
      expect(await system.api.stats('grid', UPHELD.gridId)).toMatchObject({
        received: 1,
        closed: 1,
        rated: 0,
        satisfied: 0,
      });
    }, COUNTED);
    // The rework never started: its link is spent and the workflow ended with the case. The street's own link for
    // the appeal, answered here instead, is spent too.
    await vi.waitFor(async () => expect(await workflowStatus(id)).toBe('SUCCEEDED'), WAIT);
    expect((await system.api.act(rework, { action: 'accept' })).body).toMatchObject({
      status: 409,
      issueId: id,
    });
    const approval = await system.api.linkSentTo(UPHELD.street, id);
    expect((await system.api.act(approval, { action: 'refuse', note: '不成立' })).status).toBe(409);
  });

  it('rejected by the street: the rework goes on, its holder is told, the rating still counts', async () => {
    // Prepare
    const { id, rework, holder } = await appealed(REJECTED.gridId, 2);
    const before = await casePage(REJECTED.street, id);

    // Act
    const rejected = await decideAppeal(REJECTED.street, id, before.version, 'reject', '应予整改');
    const reworkGoesOn = await system.api.act(rework, { action: 'accept' });

    // Assess
    expect(rejected).toMatchObject({ status: 200, body: { issueId: id, status: 'assigned' } });
    expect(reworkGoesOn.status).toBe(200);
    expect(await workflowStatus(id)).toBe('RUNNING');
    const after = await casePage(REJECTED.street, id);
    expect(after.case.rating).toMatchObject({ score: 2, appeal: { status: 'rejected' } });
    expect(types(after)).toEqual(expect.arrayContaining(['appealed', 'appeal_rejected']));
    await messageTo(holder, '申诉未获支持');
    await vi.waitFor(async () => {
      expect(await system.api.stats('grid', REJECTED.gridId)).toMatchObject({
        rated: 1,
        satisfied: 0,
        reworked: 1,
      });
    }, COUNTED);
  });

  it('is refused at the wrong level, on a stale version and once decided, the case unchanged', async () => {
    // Prepare
    const { id } = await appealedCase(system.api, REFUSED.gridId, 1);
    const supervisors = REFUSED;
    const before = await casePage(supervisors.street, id);

    // Act
    const byCommunity = await decideAppeal(supervisors.community, id, before.version, 'uphold');
    const byDistrict = await decideAppeal(supervisors.district, id, before.version, 'uphold');
    const stale = await decideAppeal(supervisors.street, id, before.version - 1, 'uphold');
    const unchanged = await casePage(supervisors.street, id);
    const rejected = await decideAppeal(supervisors.street, id, before.version, 'reject');
    const decided = await casePage(supervisors.street, id);
    const again = await decideAppeal(supervisors.street, id, decided.version, 'uphold');

    // Assess
    expect(byCommunity).toMatchObject({ status: 403, contentType: 'application/problem+json' });
    expect(byCommunity.body.detail).toMatch(/decided at the street level/);
    expect(byDistrict).toMatchObject({ status: 403, contentType: 'application/problem+json' });
    expect(stale).toMatchObject({ status: 409, contentType: 'application/problem+json' });
    expect(stale.body.detail).toMatch(/changed since you saw it/);
    expect(unchanged).toEqual(before);
    expect(rejected.status).toBe(200);
    expect(again).toMatchObject({ status: 409, contentType: 'application/problem+json' });
    expect(again.body.detail).toMatch(/No appeal is waiting/);
    expect(await casePage(supervisors.street, id)).toEqual(decided);
  });
});

describe('a case taken over from the workbench (接管)', () => {
  it('moves to the community, then to the street, each with a task link of its own; refusals change nothing', async () => {
    // Prepare
    const held = await acceptedCase(system.api, {
      category: 'water_supply',
      description: '楼道水管漏水，已持续两天',
      location: { gridId: TAKEN.gridId },
      reporter: { name: '刘奶奶', phone: '13900001111' },
    });
    const reported = await casePage(TAKEN.community, held.id);

    // Act
    const byCommunity = await act(TAKEN.community, held.id, {
      action: 'take_over',
      version: reported.version,
      note: '社区接管',
    });
    const communityLink = await system.api.linkSentTo(TAKEN.community, held.id);
    const atCommunity = await vi.waitFor(async () => {
      const page = await casePage(TAKEN.community, held.id);
      if (page.task?.kind !== 'resolve') throw new Error('The community has no resolve task yet');
      return page;
    }, WAIT);
    const byStreet = await act(TAKEN.street, held.id, { action: 'take_over', version: atCommunity.version });
    await system.api.linkSentTo(TAKEN.street, held.id);
    const atStreet = await vi.waitFor(async () => {
      const page = await casePage(TAKEN.street, held.id);
      if (page.task?.level !== 'street') throw new Error('The street has no task yet');
      return page;
    }, WAIT);
    const wrongLevel = await act(TAKEN.community, held.id, {
      action: 'take_over',
      version: atStreet.version,
    });
    const stale = await act(TAKEN.street, held.id, { action: 'take_over', version: atStreet.version - 1 });
    const noAppeal = await decideAppeal(TAKEN.street, held.id, atStreet.version, 'reject');
    const workerLink = await system.api.act(held.resolveLink, { action: 'resolve', note: '已修好' });

    // Assess
    expect([byCommunity.status, byStreet.status]).toEqual([200, 200]);
    expect(communityLink).toContain(`/tasks/${held.id}.`);
    expect(atCommunity).toMatchObject({
      case: { level: 'community' },
      holder: { level: 'community', assignee: { id: TAKEN.community } },
      task: { kind: 'resolve', level: 'community', assignee: { id: TAKEN.community } },
    });
    expect(atCommunity.timeline).toContainEqual(
      expect.objectContaining({
        type: 'supervised',
        reason: 'takeover',
        by: expect.objectContaining({ id: TAKEN.community }),
      }),
    );
    expect(atStreet).toMatchObject({
      case: { level: 'street' },
      holder: { level: 'street', assignee: { id: TAKEN.street } },
      task: { level: 'street', assignee: { id: TAKEN.street } },
    });
    expect(wrongLevel).toMatchObject({ status: 403, contentType: 'application/problem+json' });
    expect(wrongLevel.body.detail).toMatch(/level above/);
    expect(stale).toMatchObject({ status: 409, contentType: 'application/problem+json' });
    expect(noAppeal).toMatchObject({ status: 409, contentType: 'application/problem+json' });
    expect(noAppeal.body.detail).toMatch(/No appeal is waiting/);
    expect(workerLink.status).toBe(409);
    expect(await casePage(TAKEN.street, held.id)).toEqual(atStreet);
  });
});
