import { describe, expect, it } from 'vitest';
import { RateLimiter } from '#local/runtime/http-api/rate-limit.ts';

describe('RateLimiter', () => {
  it('lets a burst through, then asks the client to wait until a token is back', () => {
    let now = 0;
    const limiter = new RateLimiter({ 'POST /issues': { perMinute: 6, burst: 2 } }, () => now);

    const first = [limiter.take('POST /issues', '10.0.0.1'), limiter.take('POST /issues', '10.0.0.1')];
    const third = limiter.take('POST /issues', '10.0.0.1');
    now += 10_000;
    const afterRefill = limiter.take('POST /issues', '10.0.0.1');

    expect(first).toEqual([undefined, undefined]);
    expect(third).toBe(10);
    expect(afterRefill).toBeUndefined();
  });

  it('keeps clients and routes apart and leaves unlisted routes alone', () => {
    const limiter = new RateLimiter({ 'POST /issues': { perMinute: 60, burst: 1 } }, () => 0);

    limiter.take('POST /issues', 'a');

    expect(limiter.take('POST /issues', 'a')).toBe(1);
    expect(limiter.take('POST /issues', 'b')).toBeUndefined();
    expect(limiter.take('GET /stats', 'a')).toBeUndefined();
  });
});
