import { expect } from 'vitest';
import type { ApiClient } from './api-client.ts';

/** A case its grid worker signed for, with the links they were sent. */
export interface AcceptedCase {
  readonly id: string;
  readonly caseNumber: string | null;
  readonly trackingToken: string;
  readonly workerId: string;
  readonly acceptLink: string;
  readonly resolveLink: string;
}

/**
 * Reports `report` and has the grid worker offered it accept it: the case then waits on the worker's resolve
 * task. A category with a short acceptance (minutes, scaled to seconds) may see it pass on a loaded machine
 * before the link is used; `attempts` above 1 then reports again, as acceptance is not what such a test is about.
 */
export async function acceptedCase(
  api: ApiClient,
  report: Record<string, unknown>,
  attempts = 1,
): Promise<AcceptedCase> {
  for (let attempt = 1; ; attempt++) {
    const receipt = await api.report(report);
    const offer = await api.waitForTaskLink(receipt.body.id);
    const accepted = await api.act(offer.link, { action: 'accept' });
    if (accepted.status === 410 && attempt < attempts) continue;
    expect(accepted.status).toBe(200);
    const { id, caseNumber, trackingToken } = receipt.body;
    const resolveLink = await api.linkSentTo(offer.assigneeId, id, [offer.link]);
    return { id, caseNumber, trackingToken, workerId: offer.assigneeId, acceptLink: offer.link, resolveLink };
  }
}

/** A case appealed against a bad rating, waiting for the answer of the level above the rework's holder. */
export interface AppealedCase {
  readonly id: string;
  readonly caseNumber: string | null;
  /** The rework's first task (accept), which an upheld appeal spends if it is still open. */
  readonly reworkLink: string;
  readonly holderId: string;
}

/**
 * A sanitation case resolved by its grid, rated `score` (a bad one) by its resident, and appealed by the holder
 * of the rework on their link.
 */
export async function appealedCase(api: ApiClient, gridId: string, score: number): Promise<AppealedCase> {
  const accepted = await acceptedCase(api, {
    category: 'sanitation',
    description: `网格 ${gridId} 楼道堆放杂物`,
    location: { gridId },
    reporter: { name: '居民', phone: '13900002222' },
  });
  const { id, caseNumber, trackingToken } = accepted;
  expect((await api.act(accepted.resolveLink, { action: 'resolve', note: '已清理' })).status).toBe(200);
  await api.waitForIssue(id, (issue) => issue.status === 'resolved', 'resolved');
  expect((await api.rate(id, trackingToken, { score })).status).toBe(200);
  const rework = await api.waitForTaskLink(id, [accepted.acceptLink, accepted.resolveLink]);
  expect((await api.act(rework.link, { action: 'appeal', note: '属物业职责，已转告物业' })).status).toBe(200);
  return { id, caseNumber, reworkLink: rework.link, holderId: rework.assigneeId };
}
