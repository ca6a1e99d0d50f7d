// What the driver waits for, per issue: a task offered (the offer function returned, so the task and its
// nonce are stored), the rating asked for, the workflow closed. Events are buffered because they may come
// before the driver starts waiting (the offer often runs before POST /issues has answered).
export type IssueEvent =
  | { kind: 'offer'; seq: number; task: string; level: string }
  | { kind: 'rating' }
  | { kind: 'closed' };

interface Waiter {
  match: (event: IssueEvent) => boolean;
  resolve: (event: IssueEvent) => void;
}

export class IssueEvents {
  private readonly seen = new Map<string, IssueEvent[]>();
  private readonly waiters = new Map<string, Waiter[]>();

  emit(issueId: string, event: IssueEvent): void {
    const list = this.seen.get(issueId) ?? [];
    list.push(event);
    this.seen.set(issueId, list);
    const waiting = this.waiters.get(issueId) ?? [];
    for (const waiter of [...waiting]) {
      if (!waiter.match(event)) continue;
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  }

  next<E extends IssueEvent>(issueId: string, match: (event: IssueEvent) => event is E, timeoutMs = 60_000) {
    const already = this.seen.get(issueId)?.find(match);
    if (already) return Promise.resolve(already);
    return new Promise<E>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${issueId}: no matching event within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const list = this.waiters.get(issueId) ?? [];
      list.push({
        match,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event as E);
        },
      });
      this.waiters.set(issueId, list);
    });
  }

  forget(issueId: string): void {
    this.seen.delete(issueId);
    this.waiters.delete(issueId);
  }
}

export const isOffer =
  (where: (offer: { seq: number; task: string; level: string }) => boolean) =>
  (event: IssueEvent): event is Extract<IssueEvent, { kind: 'offer' }> =>
    event.kind === 'offer' && where(event);

export const isRating = (event: IssueEvent): event is Extract<IssueEvent, { kind: 'rating' }> =>
  event.kind === 'rating';

export const isClosed = (event: IssueEvent): event is Extract<IssueEvent, { kind: 'closed' }> =>
  event.kind === 'closed';
