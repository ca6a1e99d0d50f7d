import { describe, expect, it } from 'vitest';
import type { Issue } from '#domain/issue.ts';
import { publicViewOf } from '#domain/public-view.ts';
import { recordRating, whatFollowsRating } from '#domain/rating-transitions.ts';
import { whatFollowsTask } from '#domain/task-settlement.ts';
import { decideTask } from '#domain/task-transitions.ts';
import { assignedIssue, at, PEOPLE, REPORTER, reportedIssue, resolveAt, taskOf } from './fixtures.ts';

const STAGES: [string, () => Issue][] = [
  ['reported', () => reportedIssue()],
  ['assigned', () => assignedIssue()],
  [
    'declined',
    () => decideTask(assignedIssue(), { seq: 1, action: 'decline', note: '不归我管', now: at(2) }),
  ],
  ['escalated', () => whatFollowsTask(assignedIssue(), 1, at(121)).issue],
  ['resolved', () => resolveAt(reportedIssue(), 'grid', 1)],
  [
    'closed',
    () =>
      whatFollowsRating(
        recordRating(resolveAt(reportedIssue(), 'grid', 1), { score: 5, comment: '谢谢', now: at(20) }),
        at(21),
      ).issue,
  ],
];

describe('publicViewOf', () => {
  it.each(STAGES)('shows nothing of the reporter when the issue is %s', (_stage, build) => {
    // Prepare
    const issue = build();

    // Act
    const json = JSON.stringify(publicViewOf(issue, at(30)));

    // Assess
    expect(issue.reporter).toEqual(REPORTER);
    expect(json).not.toContain(REPORTER.phone);
    expect(json).not.toContain(REPORTER.name);
    expect(json).not.toContain(REPORTER.email);
    expect(json).not.toContain('reporter');
  });

  it('shows no link material and no description', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const json = JSON.stringify(publicViewOf(issue, at(2)));

    // Assess
    expect(json).not.toContain(taskOf(issue).nonce);
    expect(json).not.toContain(issue.description);
  });

  it('shows the assignee and deadline of the open task', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const view = publicViewOf(issue, at(2));

    // Assess
    expect(view).toMatchObject({
      id: issue.id,
      status: 'assigned',
      level: 'grid',
      gridId: 'g-001',
      assignee: PEOPLE.grid,
      deadline: at(120),
      overdue: false,
      rating: null,
      outcome: null,
    });
  });

  it('shows an open task past its deadline as overdue before the workflow escalates it', () => {
    // Prepare
    const issue = assignedIssue();

    // Act
    const view = publicViewOf(issue, at(120));

    // Assess
    expect(view.overdue).toBe(true);
  });

  it('shows no assignee once the task was used, and the score alone once rated', () => {
    // Prepare
    const rated = recordRating(resolveAt(reportedIssue(), 'grid', 1), {
      score: 2,
      comment: '没修好',
      now: at(20),
    });

    // Act
    const view = publicViewOf(rated, at(21));

    // Assess
    expect(view.assignee).toBeNull();
    expect(view.deadline).toBeNull();
    expect(view.rating).toEqual({ score: 2 });
  });
});

describe('an anonymous report', () => {
  it('keeps no reporter on the issue at all', () => {
    // Act
    const issue = reportedIssue({ anonymous: true });

    // Assess
    expect(issue.reporter).toBeUndefined();
    expect(JSON.stringify(issue)).not.toContain(REPORTER.phone);
  });
});

describe('publicViewOf and the notes people wrote', () => {
  const noted = (): Issue => {
    const declined = decideTask(assignedIssue(), {
      seq: 1,
      action: 'decline',
      note: '请联系 13812345678',
      now: at(2),
    });
    return {
      ...resolveAt(declined, 'grid', 1),
      timeline: [
        ...declined.timeline,
        ...resolveAt(reportedIssue(), 'grid', 1)
          .timeline.slice(-1)
          .map((event) => ({ ...event, note: '已修好，李师傅 13900000000' })),
      ],
    };
  };

  it('says what happened but not what was written', () => {
    // Prepare
    const issue = noted();

    // Act
    const view = publicViewOf(issue, at(30));

    // Assess
    expect(JSON.stringify(view)).not.toMatch(/13812345678|13900000000|note/);
    expect(view.timeline.map((event) => event.type)).toEqual(issue.timeline.map((event) => event.type));
    expect(view.timeline.find((event) => event.type === 'declined')).toMatchObject({ by: PEOPLE.grid });
  });

  it('shows the notes to the resident who holds the tracking token', () => {
    // Act
    const view = publicViewOf(noted(), at(30), 'resident');

    // Assess
    expect(view.timeline.map((event) => event.note).filter(Boolean)).toEqual([
      '请联系 13812345678',
      '已修好，李师傅 13900000000',
    ]);
  });
});

describe('publicViewOf and what residents recognise', () => {
  it('shows the case number to anyone and the description only to the resident', () => {
    // Prepare
    const issue = reportedIssue();

    // Act
    const anyone = publicViewOf(issue, at(1));
    const resident = publicViewOf(issue, at(1), 'resident');

    // Assess
    expect([anyone.caseNumber, anyone.description]).toEqual(['LS-20250301-0001', null]);
    expect(resident.description).toBe(issue.description);
  });

  it('names the grid and community when the registry knows them, and only grids the view mentions', () => {
    // Act
    const view = publicViewOf(reportedIssue(), at(1), 'public', {
      grids: { 'g-001': '荷花一网格', 'g-777': '别处网格' },
      community: '荷花社区',
    });

    // Assess
    expect(view).toMatchObject({
      gridName: '荷花一网格',
      communityName: '荷花社区',
      gridNames: { 'g-001': '荷花一网格' },
    });
  });
});
