// Reminders (催办) over HTTP on the local engine, at a time scale that gives each wait several seconds.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '#test/support/api-client.ts';
import { useTestGridwork } from '#test/support/gridwork-in-process.ts';

// 600x: a water case's 2-hour acceptance deadline lasts 12 s, with reminders after 6 s and 9 s.
const TIME = { TIME_SCALE: '600' };

let api: ApiClient;
useTestGridwork(TIME, (system) => {
  api = system.api;
});

describe('reminders on the local engine', () => {
  it('reminds the holder at 50 % and 75 % with the same link, then climbs at the deadline', async () => {
    const response = await api.report({
      category: 'water_supply',
      description: '网格 g-110 的测试问题：水管漏水',
      location: { gridId: 'g-110' },
    });
    const id = response.body.id;
    const first = await api.waitForTaskLink(id);

    const climbed = await api.waitForIssue(id, (issue) => issue.level === 'community', 'climbed', 40_000);

    const about = (await api.outbox(first.assigneeId)).filter((item) => item.link === first.link);
    expect(about.map((item) => item.subject).sort()).toEqual(['【催办】', '【催办】', '供水问题（网格）']);
    for (const item of about.filter((reminder) => reminder.subject === '【催办】')) {
      expect(item.text).toMatch(
        new RegExp(`^案件${id}（供水问题：.+）期限\\d+月\\d+日 \\d\\d:\\d\\d。$`, 'u'),
      );
      expect(item.text.length).toBeLessThanOrEqual(70);
    }
    expect(climbed.timeline.filter((event) => event.type === 'reminded')).toEqual([
      expect.objectContaining({ to: first.assigneeId, count: 2 }),
    ]);
    expect(climbed.resolveDeadline).toEqual(expect.any(String));
  }, 60_000);
});
