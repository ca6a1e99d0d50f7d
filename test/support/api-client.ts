import { vi } from 'vitest';

export interface JsonResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly contentType: string;
  readonly body: T;
  readonly headers: Headers;
}

export interface OutboxItem {
  id: string;
  at: string;
  to: string;
  channel: string;
  subject: string;
  text: string;
  link: string | null;
}

export interface IssueView {
  id: string;
  caseNumber: string | null;
  category: string;
  status: string;
  level: string;
  gridId: string;
  assignee: { id: string; name: string; role: string } | null;
  deadline: string | null;
  resolveDeadline: string | null;
  overdue: boolean;
  reworkCount: number;
  rating: { score: number } | null;
  outcome: string | null;
  timeline: { at: string; type: string; [field: string]: unknown }[];
}

/** A small client of the Gridwork HTTP API, as a resident's app or a worker's phone would use it. */
export class ApiClient {
  /** `outboxToken`: the local outbox's own credential. */
  constructor(
    readonly baseUrl: string,
    private readonly outboxToken?: string,
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<JsonResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const parsed = contentType.includes('json') && text ? JSON.parse(text) : text;
    return { status: response.status, contentType, body: parsed as T, headers: response.headers };
  }

  report(report: Record<string, unknown>, headers: Record<string, string> = {}) {
    return this.request<{
      id: string;
      caseNumber: string | null;
      status: string;
      gridId: string;
      trackingToken: string;
    }>('POST', '/issues', {
      json: report,
      headers,
    });
  }

  async issue(id: string): Promise<IssueView> {
    const response = await this.request<IssueView>('GET', `/issues/${id}`);
    if (response.status !== 200) throw new Error(`GET /issues/${id} answered ${response.status}`);
    return response.body;
  }

  /** Polls the issue until `done` accepts it; fails after `timeoutMs` with the last state seen. */
  waitForIssue(id: string, done: (issue: IssueView) => boolean, what: string, timeoutMs = 15_000) {
    return vi.waitFor(
      async () => {
        const issue = await this.issue(id);
        if (!done(issue)) throw new Error(`${id}: not yet ${what}: ${JSON.stringify(issue).slice(0, 2000)}`);
        return issue;
      },
      { timeout: timeoutMs, interval: 25 },
    );
  }

  async outbox(to: string): Promise<OutboxItem[]> {
    const response = await this.request<{ items: OutboxItem[] }>(
      'GET',
      `/outbox?to=${encodeURIComponent(to)}`,
      { headers: this.outboxToken ? { authorization: `Bearer ${this.outboxToken}` } : {} },
    );
    if (response.status !== 200) throw new Error(`GET /outbox answered ${response.status}`);
    return response.body.items;
  }

  /** Waits for the issue to be offered to someone and returns that person and the link they were sent. */
  async waitForTaskLink(
    issueId: string,
    after: readonly string[] = [],
  ): Promise<{ assigneeId: string; link: string }> {
    return vi.waitFor(
      async () => {
        const issue = await this.issue(issueId);
        const items = issue.assignee ? await this.outbox(issue.assignee.id) : [];
        const item = items.find(
          (candidate) => candidate.link?.includes(`/tasks/${issueId}.`) && !after.includes(candidate.link),
        );
        if (!issue.assignee || !item?.link) throw new Error(`No new task link for ${issueId} yet`);
        return { assigneeId: issue.assignee.id, link: item.link };
      },
      { timeout: 15_000, interval: 25 },
    );
  }

  /** Waits for a task link `personId` was sent about the issue, other than those in `seen`. */
  linkSentTo(personId: string, issueId: string, seen: readonly string[] = []): Promise<string> {
    return vi.waitFor(
      async () => {
        const item = (await this.outbox(personId)).find(
          (candidate) => candidate.link?.includes(`/tasks/${issueId}.`) && !seen.includes(candidate.link),
        );
        if (!item?.link) throw new Error(`No task link for ${personId} on ${issueId} yet`);
        return item.link;
      },
      { timeout: 15_000, interval: 25 },
    );
  }

  act(link: string, action: Record<string, unknown>) {
    return this.request<{ issueId: string; status: string }>('POST', new URL(link).pathname, {
      json: action,
    });
  }

  rate(issueId: string, trackingToken: string, rating: Record<string, unknown>) {
    return this.request('POST', `/issues/${issueId}/rating`, {
      json: rating,
      headers: { authorization: `Bearer ${trackingToken}` },
    });
  }

  /** The unit's totals (GET /stats); they follow the cases through the change stream, so poll them with COUNTED. */
  async stats(scope: string, id: string) {
    return (
      await this.request<Record<string, number | string | null>>('GET', `/stats?scope=${scope}&id=${id}`)
    ).body;
  }
}

/** How long the figures may trail the cases in a test: the stream's batching window and a batch's work. */
export const COUNTED = { timeout: 15_000, interval: 100 } as const;
