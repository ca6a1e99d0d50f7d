// A per-client rate limit for chosen routes, the local counterpart of API Gateway throttling:
// a token bucket per client address and route, refilled continuously.

export interface RateLimit {
  /** Sustained requests per minute from one client address. */
  readonly perMinute: number;
  /** Requests one client may send at once before the sustained rate applies. */
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Idle buckets are dropped after this long, so memory stays bounded by recent clients. */
const IDLE_MS = 10 * 60_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private sweptAt = 0;

  constructor(
    private readonly limits: Readonly<Record<string, RateLimit>>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request; returns the seconds to wait when the client is over its limit, else undefined. */
  take(routeKey: string, client: string): number | undefined {
    const limit = this.limits[routeKey];
    if (!limit) return undefined;
    const now = this.now();
    this.sweep(now);
    const key = `${routeKey}\n${client}`;
    const perMs = limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, updatedAt: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < IDLE_MS) return;
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.updatedAt > IDLE_MS) this.buckets.delete(key);
  }
}
