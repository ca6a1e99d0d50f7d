import { describe, expect, it } from 'vitest';
import {
  caseKeys,
  dayOf,
  gridIndexKeys,
  isDayKey,
  isIssueKey,
  isOutboxKey,
  itemKinds,
  outboxPartition,
  scopeKeyOf,
} from '#adapters/dynamodb/keys.ts';

describe('cases table keys', () => {
  it('reads back the scope and the day of the counter items it builds', () => {
    // Prepare
    const totals = caseKeys.stats('grid#g-001');
    const day = caseKeys.day('grid#g-001', '2026-11-30');

    // Assess
    expect(totals.sk).toBe(itemKinds.stats);
    expect(day.pk).toBe(totals.pk);
    expect(scopeKeyOf(totals)).toBe('grid#g-001');
    expect(scopeKeyOf(day)).toBe('grid#g-001');
    expect(dayOf(day)).toBe('2026-11-30');
    expect(day.sk.startsWith(itemKinds.dayPrefix)).toBe(true);
    expect([isDayKey(day), isDayKey(totals)]).toEqual([true, false]);
  });

  it('refuses to read a scope from a key of another kind', () => {
    // Act
    const read = () => scopeKeyOf(caseKeys.issue('i-1'));

    // Assess
    expect(read).toThrow(/STATS#/);
  });

  it('tells issue and outbox items apart by their partition', () => {
    // Prepare
    const issue = caseKeys.issue('i-1');
    const message = caseKeys.outbox('w-001', 'm-1');

    // Assess
    expect(issue.sk).toBe(itemKinds.issue);
    expect(message).toEqual({ pk: outboxPartition('w-001'), sk: 'm-1' });
    expect([isIssueKey(issue), isIssueKey(message)]).toEqual([true, false]);
    expect([isOutboxKey(message), isOutboxKey(issue)]).toEqual([true, false]);
  });

  it("sorts a grid's open cases before its closed ones", () => {
    // Prepare
    const base = { gridId: 'g-001', createdAt: '2026-11-30T01:00:00Z' };

    // Act
    const open = gridIndexKeys.of({ ...base, id: 'i-1', status: 'assigned' });
    const closed = gridIndexKeys.of({ ...base, id: 'i-2', status: 'closed' });

    // Assess
    expect(open.gsi1pk).toBe(gridIndexKeys.partition('g-001'));
    expect(closed.gsi1pk).toBe(open.gsi1pk);
    expect(open.gsi1sk.startsWith(gridIndexKeys.openPrefix)).toBe(true);
    expect(closed.gsi1sk.startsWith(gridIndexKeys.openPrefix)).toBe(false);
  });
});
