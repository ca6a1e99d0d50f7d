import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTED } from '#test/support/api-client.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

let system: TestGridwork;

beforeAll(async () => {
  // 6 reports a minute from one address, in bursts of 2.
  system = await startTestGridwork({ INTAKE_RATE_LIMIT: '6' });
});

afterAll(async () => {
  await system?.stop();
});

describe('intake rate limit', () => {
  it('answers 429 with Retry-After once one address reports faster than the limit, and stores nothing', async () => {
    const report = { category: 'other', description: '测试限流的一条反映', location: { gridId: 'g-200' } };

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await system.api.report(report));
    const reading = await system.api.request('GET', '/stats?scope=grid&id=g-200');

    expect(statuses.map((response) => response.status)).toEqual([201, 201, 429]);
    const limited = statuses[2];
    // The gateway's own answer, as API Gateway's throttling sends it.
    expect(limited?.contentType).toBe('application/json');
    expect(limited?.body).toEqual({ message: 'Too Many Requests' });
    expect(Number(limited?.headers.get('retry-after'))).toBe(10);
    expect(reading.status).toBe(200);
    await system.api.waitForTaskLink(statuses[1]?.body.id as string);
    await expect.poll(async () => (await system.api.stats('grid', 'g-200')).received, COUNTED).toBe(2);
  });
});
