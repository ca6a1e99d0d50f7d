// Case deadlines, reminders (催办) and supervision (督办), driving the workflow's steps as the state machine
// does (offer, wait until the step's timeout or a decision, settle), against in-memory fakes of the ports.
import { beforeEach, describe, expect, it } from 'vitest';
import { nextWorkingMorning } from '#domain/case-deadlines.ts';
import { DEFAULT_CALENDAR } from '#domain/china-calendar.ts';
import type { Issue } from '#domain/issue.ts';
import { decideTask } from '#domain/task-transitions.ts';
import { FAKE_CALENDAR, type FakeDeps, fakeDeps } from '#test/support/fakes.ts';
import {
  runOfferTask,
  runSettleTask,
  runSettleTaskOrContinue,
  type WorkflowStep,
} from '#use-cases/lifecycle-states.ts';
import { firstStep, ROUNDS_PER_EXECUTION } from '#use-cases/workflow-steps.ts';
import { at, ladderRegistry, PEOPLE, reportedIssue, taskOf } from './fixtures.ts';

let deps: FakeDeps;
let tokens = 0;

beforeEach(() => {
  deps = fakeDeps(ladderRegistry(), at(0));
});

type OfferStep = Extract<WorkflowStep, { next: 'offer' }>;

function asOffer(step: WorkflowStep): OfferStep {
  if (step.next !== 'offer') throw new Error(`Expected an offer, got ${step.next}`);
  return step;
}

/** Parks on the step's task; returns the token the wait holds. */
async function park(issueId: string, step: OfferStep): Promise<string> {
  const taskToken = `token-${++tokens}`;
  await runOfferTask(deps, { issueId, taskToken, ...step });
  return taskToken;
}

/** Lets the wait run out: the clock moves to the step's timeout and the settle step runs. */
async function timeOut(issueId: string, step: OfferStep): Promise<WorkflowStep> {
  deps.clock.set(new Date(deps.clock.now().getTime() + step.timeoutSeconds * 1000).toISOString());
  return runSettleTask(deps, { issueId, ...step });
}

async function reported(): Promise<{ issue: Issue; step: OfferStep }> {
  const issue = reportedIssue();
  await deps.issues.create(issue);
  return { issue, step: asOffer(firstStep(issue, deps.clock, FAKE_CALENDAR)) };
}

function decide(issueId: string, action: 'accept' | 'keep' | 'takeover') {
  const stored = deps.issues.issue(issueId);
  const decided = decideTask(stored, {
    seq: taskOf(stored).seq,
    action,
    now: deps.clock.now().toISOString(),
  });
  return deps.issues.save(decided, stored.version);
}

describe('reminders (催办)', () => {
  it('re-sends the same link at 50 % and 75 % of the accept deadline, in one timeline entry, then climbs', async () => {
    // Prepare
    const { issue, step } = await reported();
    await park(issue.id, step);
    const link = deps.notifier.sent[0]?.link;

    // Act
    const half = asOffer(await timeOut(issue.id, step));
    await park(issue.id, half);
    const threeQuarters = asOffer(await timeOut(issue.id, half));
    await park(issue.id, threeQuarters);
    const climbed = asOffer(await timeOut(issue.id, threeQuarters));

    // Assess
    expect(step.timeoutSeconds).toBe(3600);
    expect(
      [half, threeQuarters].map(({ seq, round, timeoutSeconds }) => ({ seq, round, timeoutSeconds })),
    ).toEqual([
      { seq: 1, round: 1, timeoutSeconds: 1800 },
      { seq: 1, round: 2, timeoutSeconds: 1800 },
    ]);
    expect(climbed).toMatchObject({ seq: 2, task: 'accept', level: 'community', round: 0 });
    const toWorker = deps.notifier.to(PEOPLE.grid.id);
    expect(toWorker.map((message) => [message.subject, message.link])).toEqual([
      [expect.stringContaining('供水'), link],
      ['【催办】', link],
      ['【催办】', link],
      [expect.stringContaining('超期上报'), undefined],
    ]);
    expect(toWorker[1]?.text).toMatch(/^案件gw-\S+（供水问题：.+）期限3月1日 18:00。$/u);
    expect(toWorker[1]?.text.length).toBeLessThanOrEqual(70);
    const stored = deps.issues.issue(issue.id);
    expect(stored.timeline.filter((event) => event.type === 'reminded')).toEqual([
      { at: at(90), type: 'reminded', level: 'grid', to: PEOPLE.grid.id, count: 2 },
    ]);
    expect(stored.reminders).toBe(2);
  });

  it('keeps the resolve deadline of the case when it climbs, reminding against it', async () => {
    // Prepare: accepted at once, then nobody resolves it.
    const { issue, step } = await reported();
    await park(issue.id, step);
    await decide(issue.id, 'accept');
    const resolveDeadline = deps.issues.issue(issue.id).resolveDeadline;

    // Act
    const resolve = asOffer(await runSettleTask(deps, { issueId: issue.id, seq: 1, round: 0 }));

    // Assess: water supply runs 3 calendar days from the first assignment.
    expect(resolveDeadline).toBe(new Date(Date.parse(at(0)) + 3 * 86_400_000).toISOString());
    expect(resolve).toMatchObject({ task: 'resolve', deadline: resolveDeadline, timeoutSeconds: 36 * 3600 });
    expect(resolve.remindAt).toEqual([at(36 * 60), at(54 * 60)]);
  });
});

describe('supervision (督办)', () => {
  async function breached(): Promise<{ issueId: string; supervise: OfferStep }> {
    const { issue, step } = await reported();
    await park(issue.id, step);
    await decide(issue.id, 'accept');
    let next = asOffer(await runSettleTask(deps, { issueId: issue.id, seq: 1, round: 0 }));
    while (next.task === 'resolve') {
      await park(issue.id, next);
      next = asOffer(await timeOut(issue.id, next));
    }
    return { issueId: issue.id, supervise: next };
  }

  it('marks the case overdue and gives the level above a supervision task about the holder', async () => {
    // Act
    const { issueId, supervise } = await breached();
    await park(issueId, supervise);

    // Assess
    expect(supervise).toMatchObject({
      task: 'supervise',
      level: 'community',
      holder: { assignee: PEOPLE.grid, level: 'grid' },
    });
    const issue = deps.issues.issue(issueId);
    expect(issue.overdue).toBe(true);
    expect(taskOf(issue)).toMatchObject({ kind: 'supervise', assignee: PEOPLE.community, status: 'open' });
    expect(deps.notifier.to(PEOPLE.community.id).at(-1)?.link).toMatch(/\/tasks\//);
  });

  it('keeps the case with its holder under a supervision deadline, and the holder is told', async () => {
    // Prepare
    const { issueId, supervise } = await breached();
    await park(issueId, supervise);
    const before = deps.notifier.to(PEOPLE.grid.id).length;

    // Act
    await decide(issueId, 'keep');
    const kept = asOffer(await runSettleTask(deps, { issueId, seq: supervise.seq, round: 0 }));
    await park(issueId, kept);

    // Assess
    expect(kept).toMatchObject({ task: 'resolve', level: 'grid', assigneeId: PEOPLE.grid.id });
    expect(kept.deadline).toBe(new Date(deps.clock.now().getTime() + 2 * 86_400_000).toISOString());
    const told = deps.notifier.to(PEOPLE.grid.id).slice(before);
    expect(told.map((message) => message.subject)).toEqual([expect.stringContaining('【督办】')]);
    expect(deps.issues.issue(issueId).timeline.at(-1)).toMatchObject({ type: 'supervised', reason: 'keep' });
  });

  it('climbs once more when the supervision task is ignored', async () => {
    // Prepare
    const { issueId, supervise } = await breached();

    // Act
    let next = supervise;
    while (next.level === 'community') {
      await park(issueId, next);
      next = asOffer(await timeOut(issueId, next));
    }

    // Assess
    expect(next).toMatchObject({ task: 'supervise', level: 'street', holder: { assignee: PEOPLE.grid } });
  });

  it('chases an ignored case at the district once each working morning for 60 days, and stays small', async () => {
    // Prepare
    const { issueId, supervise } = await breached();
    let next = supervise;
    while (next.level !== 'district') {
      await park(issueId, next);
      next = asOffer(await timeOut(issueId, next));
    }
    const start = deps.clock.now().getTime();
    const sentBefore = deps.notifier.sent.length;

    // Act
    const wakes: string[] = [];
    while (deps.clock.now().getTime() - start < 60 * 86_400_000) {
      await park(issueId, next);
      next = asOffer(await timeOut(issueId, next));
      wakes.push(deps.clock.now().toISOString());
    }

    // Assess: a reminder on each working morning after the deadline, never at night or at the weekend.
    const issue = deps.issues.issue(issueId);
    const chases = wakes.filter((wake) => wake >= taskOf(issue).deadline);
    expect(chases.length).toBeGreaterThanOrEqual(40);
    expect(chases.length).toBeLessThanOrEqual(45);
    for (const wake of chases.slice(1)) {
      expect(nextWorkingMorning(new Date(Date.parse(wake) - 86_400_000), FAKE_CALENDAR).toISOString()).toBe(
        wake,
      );
    }
    expect(deps.notifier.sent.length - sentBefore).toBeLessThanOrEqual(wakes.length + 1);
    expect(issue.timeline.map((event) => event.type)).toEqual([
      'submitted',
      'assigned',
      'accepted',
      'reminded',
      'escalated',
      'supervised',
      'reminded',
      'escalated',
      'supervised',
      'reminded',
      'escalated',
      'supervised',
      'reminded',
      'escalated',
      'reminded',
    ]);
    expect(issue.timeline.at(-1)).toMatchObject({ type: 'reminded', to: PEOPLE.district.id });
    // One reminder after each wake past the deadline, but the last, which has not parked yet.
    expect(issue.timeline.at(-1)?.count).toBe(chases.length - 1);
    expect(JSON.stringify(issue).length).toBeLessThan(4000);
  });

  it('hands a case chased for months to a fresh execution, which goes on with the same task', async () => {
    // Prepare
    const { issueId, supervise } = await breached();
    let next = supervise;
    let settled: WorkflowStep = next;
    const starter = deps.workflow;

    // Act
    while (settled.next === 'offer') {
      next = settled;
      await park(issueId, next);
      deps.clock.set(new Date(deps.clock.now().getTime() + next.timeoutSeconds * 1000).toISOString());
      settled = await runSettleTaskOrContinue(deps, { issueId, ...next }, starter);
    }

    // Assess
    expect(settled).toEqual({ next: 'continued', execution: `${issueId}-2` });
    const [started] = starter.started;
    expect(started).toEqual({
      issueId: `${issueId}-2`,
      input: {
        issueId,
        step: expect.objectContaining({ next: 'offer', seq: next.seq, round: ROUNDS_PER_EXECUTION }),
      },
    });
    expect(taskOf(deps.issues.issue(issueId))).toMatchObject({ level: 'district', status: 'open' });
  });
});

describe('nextWorkingMorning', () => {
  const morning = (after: string) => nextWorkingMorning(new Date(after), DEFAULT_CALENDAR).toISOString();
  const china = (local: string) => new Date(`${local}+08:00`).toISOString();

  it('chases a deadline passed in the night that same working morning, and one passed by day the next', () => {
    expect(morning('2026-03-03T02:00:00+08:00')).toBe(china('2026-03-03T08:30:00'));
    expect(morning('2026-03-03T08:30:00+08:00')).toBe(china('2026-03-04T08:30:00'));
    expect(morning('2026-03-03T16:00:00+08:00')).toBe(china('2026-03-04T08:30:00'));
  });

  it('skips weekends and holidays and keeps the make-up Saturday', () => {
    expect(morning('2026-03-06T09:00:00+08:00')).toBe(china('2026-03-09T08:30:00'));
    expect(morning('2025-09-30T09:00:00+08:00')).toBe(china('2025-10-09T08:30:00'));
    expect(morning('2025-10-10T09:00:00+08:00')).toBe(china('2025-10-11T08:30:00'));
  });
});
