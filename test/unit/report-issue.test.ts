// Taking a resident's report, against in-memory fakes of the ports.
import { beforeEach, describe, expect, it } from 'vitest';
import { contactKeyOf } from '#domain/contact.ts';
import {
  IdempotencyKeyReusedError,
  LocationNotFoundError,
  OrderNumberReusedError,
  OutsideUnitError,
} from '#domain/errors.ts';
import { trackingTokenMatches } from '#domain/links.ts';
import { FAKE_KEYS, type FakeDeps, fakeDeps } from '#test/support/fakes.ts';
import { awaitsItsWorkflow, takeUpNewCases } from '#use-cases/new-cases.ts';
import { type Report, reportIssue } from '#use-cases/report-issue.ts';
import { at, GRID_A, GRID_B, ladderRegistry, REPORTER } from './fixtures.ts';

let deps: FakeDeps;

const REPORT: Report = {
  category: 'water_supply',
  description: '楼道水管漏水，已持续两天',
  location: { gridId: GRID_A.id },
  reporter: REPORTER,
};

beforeEach(() => {
  deps = fakeDeps(ladderRegistry(), at(0));
});

describe('reportIssue', () => {
  it('stores the case in its grid and hands back a tracking token, leaving the start to the stream', async () => {
    // Act
    const { issue, trackingToken } = await reportIssue(deps, REPORT);

    // Assess
    expect(deps.issues.issue(issue.id)).toEqual(issue);
    expect(issue).toMatchObject({ status: 'submitted', gridId: GRID_A.id, level: 'grid', createdAt: at(0) });
    expect(awaitsItsWorkflow(issue)).toBe(true);
    expect(trackingTokenMatches(FAKE_KEYS.linkKey, issue.id, trackingToken)).toBe(true);
    expect(deps.workflow.started).toEqual([]);
  });
});

describe('takeUpNewCases', () => {
  it('starts a stored case at its first task, with the grid’s accept deadline and reminders', async () => {
    // Prepare
    const { issue } = await reportIssue(deps, REPORT);

    // Act
    const started = await takeUpNewCases(deps, [issue]);

    // Assess
    expect(started).toBe(1);
    expect(deps.workflow.started).toEqual([
      {
        issueId: issue.id,
        input: {
          issueId: issue.id,
          step: {
            next: 'offer',
            seq: 1,
            task: 'accept',
            level: 'grid',
            round: 0,
            deadline: at(120),
            remindAt: [at(60), at(90)],
            timeoutSeconds: 3600,
          },
        },
      },
    ]);
  });

  it('starts each case once when its record is delivered again', async () => {
    // Prepare
    const { issue } = await reportIssue(deps, REPORT);
    const { issue: other } = await reportIssue(deps, { ...REPORT, description: '另一处漏水' });

    // Act
    await takeUpNewCases(deps, [issue]);
    await takeUpNewCases(deps, [issue, other]);

    // Assess
    expect(deps.workflow.started.map((run) => run.issueId)).toEqual([issue.id, other.id]);
  });

  it('makes a new case findable by its reporter’s phone, by the keyed hash and once however often delivered', async () => {
    // Prepare
    const { issue } = await reportIssue(deps, REPORT);
    const contactKey = contactKeyOf(FAKE_KEYS.linkKey, REPORTER.phone ?? '');

    // Act
    const before = [...deps.issues.contacts.keys()];
    await takeUpNewCases(deps, [issue]);
    await takeUpNewCases(deps, [issue]);

    // Assess
    expect(before).toEqual([]);
    expect(deps.issues.contacts.get(contactKey)).toEqual([issue.id]);
    expect(contactKey).not.toContain('13900001111');
  });

  it('starts no workflow for a find handled on the spot', async () => {
    // Prepare
    const { issue } = await reportIssue(deps, {
      ...REPORT,
      reporter: undefined,
      source: 'patrol',
      withinGrid: GRID_A.id,
      onTheSpot: {
        by: { id: 'w-1', name: '网格员甲', role: 'grid_worker' },
        note: '已当场疏通',
        outcome: 'solved',
      },
    });

    // Act
    const started = await takeUpNewCases(deps, [issue]);

    // Assess
    expect(started).toBe(0);
    expect(deps.workflow.started).toEqual([]);
  });

  it('fails the batch when a start fails, so the stream delivers it again', async () => {
    // Prepare
    const { issue } = await reportIssue(deps, REPORT);
    const failing = {
      ...deps,
      workflowStarter: { start: () => Promise.reject(new Error('ThrottlingException')) },
    };

    // Act
    const attempt = takeUpNewCases(failing, [issue]);

    // Assess
    await expect(attempt).rejects.toThrow('ThrottlingException');
  });
});

describe('reportIssue numbering and repeats', () => {
  it('numbers cases per district and China day, from the district code, one counter step each', async () => {
    // Prepare: 08:00 UTC is 16:00 in China, 17:00 UTC already the next day there
    const district = deps.registry.units.get(GRID_A.districtId);
    if (district) deps.registry.units.set(district.id, { ...district, code: 'LS' });

    // Act
    const first = await reportIssue(deps, REPORT);
    const second = await reportIssue(deps, REPORT);
    deps.clock.set('2025-03-01T17:00:00.000Z');
    const nextDay = await reportIssue(deps, REPORT);

    // Assess
    expect([first, second, nextDay].map(({ issue }) => issue.caseNumber)).toEqual([
      'LS-20250301-0001',
      'LS-20250301-0002',
      'LS-20250302-0001',
    ]);
    expect(deps.issues.issue(first.issue.id)?.caseNumber).toBe('LS-20250301-0001');
  });

  it('numbers a district without a code under the fallback prefix', async () => {
    // Act
    const { issue } = await reportIssue(deps, REPORT);

    // Assess
    expect(issue.caseNumber).toBe('GW-20250301-0001');
  });

  it('routes a report by its registered address', async () => {
    // Act
    const { issue } = await reportIssue(deps, { ...REPORT, location: { address: '荷花路40号' } });

    // Assess
    expect(issue).toMatchObject({ gridId: GRID_B.id, communityId: GRID_B.communityId });
  });

  it.each([
    ['an unknown grid', { gridId: 'g-999' }, 'location.gridId'],
    ['an unregistered address', { address: '无名路1号' }, 'location.address'],
  ])('refuses %s, naming the field, and stores nothing', async (_name, location, field) => {
    // Act
    const failure = await reportIssue(deps, { ...REPORT, location }).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(LocationNotFoundError);
    expect(failure).toMatchObject({ field });
    expect(deps.issues.records.size).toBe(0);
  });

  it('answers a repeated request with the first case, stored once', async () => {
    // Prepare
    const first = await reportIssue(deps, REPORT, 'key-1');

    // Act
    const again = await reportIssue(deps, REPORT, 'key-1');

    // Assess
    expect(again).toEqual({ ...first, created: false });
    expect(first.created).toBe(true);
    expect(deps.issues.records.size).toBe(1);
    expect([...deps.caseNumbers.counters.values()]).toEqual([1]);
  });

  it('refuses a key reused with another report, and stores nothing more', async () => {
    // Prepare
    await reportIssue(deps, REPORT, 'key-1');

    // Act
    const reuse = reportIssue(deps, { ...REPORT, description: '另一件事' }, 'key-1');

    // Assess
    await expect(reuse).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(deps.issues.records.size).toBe(1);
  });

  it('records a resident web report as such unless told otherwise', async () => {
    // Act
    const { issue } = await reportIssue(deps, REPORT);
    const { issue: patrol } = await reportIssue(deps, { ...REPORT, source: 'patrol' });

    // Assess
    expect([issue.source, patrol.source]).toEqual(['web', 'patrol']);
    expect(issue).not.toHaveProperty('partnerOrder');
  });

  it('makes one case of a partner order, and refuses its number with another report', async () => {
    // Prepare
    const order = { partnerId: 'city-12345', orderNo: 'A-1', channel: 'phone' } as const;
    const hotline: Report = { ...REPORT, source: 'hotline', partnerOrder: order };

    // Act
    const first = await reportIssue(deps, hotline);
    const again = await reportIssue(deps, hotline);
    const otherPartner = await reportIssue(deps, {
      ...hotline,
      partnerOrder: { ...order, partnerId: 'other' },
    });
    const reuse = reportIssue(deps, { ...hotline, description: '另一件事' });

    // Assess
    await expect(reuse).rejects.toBeInstanceOf(OrderNumberReusedError);
    expect([first.created, again.created, again.issue.id]).toEqual([true, false, first.issue.id]);
    expect(first.issue.partnerOrder).toMatchObject(order);
    expect(otherPartner.issue.id).not.toBe(first.issue.id);
    expect(deps.issues.records.size).toBe(2);
  });
});

describe('reportIssue for a grid worker', () => {
  const worker = { id: 'w-1', name: '网格员甲', role: 'grid_worker' } as const;

  it('stores a find handled on the spot closed, with its outcome, awaiting no workflow', async () => {
    // Act
    const { issue } = await reportIssue(deps, {
      ...REPORT,
      reporter: undefined,
      source: 'patrol',
      withinGrid: GRID_A.id,
      onTheSpot: { by: worker, note: '已当场疏通', outcome: 'solved' },
    });

    // Assess
    expect(deps.issues.issue(issue.id)).toEqual(issue);
    expect(issue).toMatchObject({
      source: 'patrol',
      onTheSpot: true,
      status: 'closed',
      workerId: 'w-1',
      resolution: { by: worker, level: 'grid', at: at(0), note: '已当场疏通', outcome: 'solved' },
    });
    expect(issue.rating).toBeUndefined();
    expect(issue.timeline.map((event) => event.type)).toEqual(['submitted', 'resolved', 'closed']);
    expect(awaitsItsWorkflow(issue)).toBe(false);
  });

  it('refuses a place outside the worker’s grid before writing anything', async () => {
    // Act
    const attempt = reportIssue(deps, { ...REPORT, location: { gridId: GRID_B.id }, withinGrid: GRID_A.id });

    // Assess
    await expect(attempt).rejects.toThrow(OutsideUnitError);
    expect(deps.issues.records.size).toBe(0);
  });
});
