import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#adapters/dynamodb/document-client.ts';
import { budgetOf, DynamoSendBudget } from '#adapters/notify/send-budget.ts';
import { startTestGridwork, type TestGridwork } from '#test/support/gridwork-in-process.ts';

// The cases table as the stack defines it, in the local runtime's dynalite.
let system: TestGridwork;
let TABLE: string;

beforeAll(async () => {
  system = await startTestGridwork();
  TABLE = String(process.env.CASES_TABLE);
});

afterAll(async () => {
  await system?.stop();
});

describe('DynamoSendBudget in the cases table', () => {
  it('lets exactly the limit through in one window, even when asked at once, and starts afresh in the next', async () => {
    // Prepare
    let now = Date.parse('2026-11-30T08:10:00Z');
    const budget = new DynamoSendBudget(TABLE, () => now);

    // Act
    const first = await Promise.all(Array.from({ length: 8 }, () => budget.take('person:w-1', 5, 3600)));
    now += 3600_000;
    const next = await budget.take('person:w-1', 5, 3600);

    // Assess
    expect(first.filter(Boolean)).toHaveLength(5);
    expect(next).toBe(true);
  });

  it('keys a resident contact by a hash, the same for one number however it is written', async () => {
    // Prepare
    const notification = { id: 'gw-1:rate:x', to: 'reporter:gw-1', subject: '', text: '' };

    // Act
    const spaced = budgetOf(notification, { phone: '+86 139-0013-9000' });
    const plain = budgetOf(notification, { phone: '13900139000' });
    await new DynamoSendBudget(TABLE).take(plain.key, plain.limit, plain.windowSeconds);

    // Assess
    expect(spaced).toEqual(plain);
    expect(plain).toMatchObject({ limit: 3, windowSeconds: 86_400 });
    const { Items } = await documentClient().send(new ScanCommand({ TableName: TABLE }));
    expect(JSON.stringify(Items)).not.toContain('13900139000');
  });
});
