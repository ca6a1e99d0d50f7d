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
