import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '#adapters/logger.ts';
import { businessMetrics } from '#adapters/metrics.ts';
import { ContactNotifier } from '#adapters/notify/contact-notifier.ts';
import type { SendBudget } from '#adapters/notify/send-budget.ts';
import { SesEmailChannel } from '#adapters/notify/ses-email-channel.ts';
import { SnsSmsChannel } from '#adapters/notify/sns-sms-channel.ts';
import type { Person } from '#domain/registry.ts';
import type { Notification, Registry } from '#ports';

interface Received {
  readonly path: string;
  readonly body: string;
}

/** A stand-in for SNS (AWS Query: form in, XML out) and SES v2 (REST JSON) that records every request. */
function startStandIn(): { server: Server; received: Received[] } {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, body });
      if (path.startsWith('/v2/email/outbound-emails')) {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"MessageId":"ses-1"}');
        return;
      }
      response
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>' +
            '<MessageId>sns-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId>' +
            '</ResponseMetadata></PublishResponse>',
        );
    });
  });
  return { server, received };
}

const PEOPLE: Record<string, Person> = {
  'w-0001': {
    id: 'w-0001',
    name: '张三',
    role: 'grid_worker',
    unitId: 'g-001',
    onDuty: true,
    phone: '138 0013 8000',
    email: 'zhang@example.cn',
  },
  'w-0002': { id: 'w-0002', name: '李四', role: 'grid_worker', unitId: 'g-001', onDuty: true },
};

const registry: Pick<Registry, 'getPerson'> = { getPerson: async (id) => PEOPLE[id] };

const TASK: Notification = {
  id: 'gw-1:task:1',
  to: 'w-0001',
  subject: '供水（网格）',
  text: '张三，请接收或退回：3号楼停水。',
  link: 'https://api.example.cn/tasks/gw-1.1.secret',
};

/** The send budget in memory: counts per key, ignoring windows (each test starts afresh). */
class CountingBudget implements SendBudget {
  readonly taken = new Map<string, number>();
  async take(key: string, limit: number): Promise<boolean> {
    const sent = this.taken.get(key) ?? 0;
    if (sent >= limit) return false;
    this.taken.set(key, sent + 1);
    return true;
  }
}

const standIn = startStandIn();
let notifier: ContactNotifier;
let sns: SNSClient;
let budget: CountingBudget;

beforeAll(async () => {
  standIn.server.listen(0, '127.0.0.1');
  await once(standIn.server, 'listening');
  const endpoint = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
  const client = {
    endpoint,
    region: 'cn-northwest-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 's' },
  };
  sns = new SNSClient(client);
  const ses = new SESv2Client(client);
  budget = new CountingBudget();
  notifier = new ContactNotifier(
    registry,
    [
      new SnsSmsChannel((input) => sns.send(new PublishCommand(input))),
      new SesEmailChannel((input) => ses.send(new SendEmailCommand(input)), 'noreply@grid.example.cn'),
    ],
    budget,
  );
});

afterEach(() => {
  standIn.received.length = 0;
  budget.taken.clear();
  vi.restoreAllMocks();
});

afterAll(async () => {
  standIn.server.close();
  await once(standIn.server, 'close');
});

describe('ContactNotifier over SNS and SES', () => {
  it('sends a person from the registry an SMS and an e-mail with the link', async () => {
    // Act
    await notifier.send(TASK);

    // Assess
    const [sms, email] = standIn.received;
    expect(standIn.received).toHaveLength(2);
    const form = new URLSearchParams(sms?.body);
    expect(form.get('Action')).toBe('Publish');
    expect(form.get('PhoneNumber')).toBe('+8613800138000');
    expect(form.get('Message')).toBe(`${TASK.subject}\n${TASK.text}\n${TASK.link}`);
    expect(email?.path).toBe('/v2/email/outbound-emails');
    expect(JSON.parse(email?.body ?? '{}')).toMatchObject({
      FromEmailAddress: 'noreply@grid.example.cn',
      Destination: { ToAddresses: ['zhang@example.cn'] },
    });
  });

  it('reaches a resident at the contact on the notification, on the channels it has an address for', async () => {
    // Prepare
    const rating: Notification = {
      id: 'gw-1:rate:x',
      to: 'reporter:gw-1',
      subject: '请评价',
      text: '已处理完毕',
      contact: { phone: '13900139000' },
    };

    // Act
    await notifier.send(rating);

    // Assess
    expect(standIn.received.map(({ path }) => path)).toEqual(['/']);
    expect(new URLSearchParams(standIn.received[0]?.body).get('PhoneNumber')).toBe('+8613900139000');
  });

  it('sends nothing to someone without an address or not in the registry', async () => {
    // Act
    await notifier.send({ ...TASK, to: 'w-0002' });
    await notifier.send({ ...TASK, to: 'w-9999' });

    // Assess
    expect(standIn.received).toEqual([]);
  });
});

describe('ContactNotifier when a channel fails', () => {
  const failing = (name: string) =>
    new SnsSmsChannel(async () => {
      throw Object.assign(new Error('Invalid parameter: PhoneNumber +8613800138000'), { name });
    });

  it('logs an undeliverable message without the number or link and lets the case move on', async () => {
    // Prepare
    const logged = vi.spyOn(logger, 'error');

    // Act
    await new ContactNotifier(registry, [failing('InvalidParameterException')], new CountingBudget()).send(
      TASK,
    );

    // Assess
    const log = JSON.stringify(logged.mock.calls);
    expect(logged.mock.calls).toEqual([
      [
        'notification undeliverable',
        { notificationId: 'gw-1:task:1', to: 'w-0001', channel: 'sms', error: 'InvalidParameterException' },
      ],
    ]);
    expect(log).not.toMatch(/13800138000|secret|example\.cn/);
  });

  it('throws any other failure, so the step is retried', async () => {
    // Act
    const sending = new ContactNotifier(
      registry,
      [failing('ThrottlingException')],
      new CountingBudget(),
    ).send(TASK);

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'ThrottlingException' });
  });
});

describe('ContactNotifier with text the clients cannot serialize', () => {
  it('sends a message cut inside an emoji as well-formed text through the real SNS and SES serializers', async () => {
    // Prepare: half of 🚰 (U+D83D U+DEB0) left at the end of the text.
    const halfEmoji = { ...TASK, subject: '供水\ud83d', text: '张三，请接收或退回：3号楼停水\ud83d' };

    // Act
    await notifier.send(halfEmoji);

    // Assess
    const [sms, email] = standIn.received;
    expect(new URLSearchParams(sms?.body).get('Message')).toBe(
      `供水\ufffd\n张三，请接收或退回：3号楼停水\ufffd\n${TASK.link}`,
    );
    expect(JSON.parse(email?.body ?? '{}').Content.Simple.Subject.Data).toBe('供水\ufffd');
    expect(email?.body).not.toMatch(/\\ud83d/i);
  });

  it('logs and counts a message the SNS client cannot serialize as undeliverable, never failing the step', async () => {
    // Prepare: a channel that hands the real SNS client a lone surrogate, past every sanitizing step.
    const broken = new SnsSmsChannel((input) =>
      sns.send(new PublishCommand({ ...input, Message: `${input.Message}\udc00` })),
    );
    const logged = vi.spyOn(logger, 'error');
    const counted = vi.spyOn(businessMetrics, 'count');

    // Act
    await new ContactNotifier(registry, [broken], new CountingBudget()).send(TASK);

    // Assess
    expect(standIn.received).toEqual([]);
    expect(logged.mock.calls).toEqual([
      [
        'notification undeliverable',
        { notificationId: 'gw-1:task:1', to: 'w-0001', channel: 'sms', error: 'URIError' },
      ],
    ]);
    expect(counted.mock.calls).toEqual([['UndeliverableMessage']]);
  });
});

describe('ContactNotifier send limits', () => {
  const resident = (issueId: string, n: number): Notification => ({
    id: `${issueId}:rate:${n}`,
    to: `reporter:${issueId}`,
    subject: '请评价',
    text: '已处理完毕',
    contact: { phone: '139 0013 9000' },
  });

  it('holds messages to a person over the hourly limit, and counts them', async () => {
    // Prepare
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const held = vi.spyOn(logger, 'warn');

    // Act
    for (let seq = 1; seq <= 25; seq++) await notifier.send({ ...TASK, id: `gw-${seq}:task:1` });

    // Assess
    expect(standIn.received.filter(({ path }) => path === '/')).toHaveLength(20);
    expect(
      held.mock.calls.filter(([message]) => message === 'notification held: over the send limit'),
    ).toHaveLength(5);
  });

  it('sends one resident contact at most three messages a day, whichever cases they come from', async () => {
    // Prepare
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);

    // Act: five reports name the same phone, written differently.
    for (let n = 1; n <= 5; n++) {
      const message = resident(`gw-${n}`, n);
      await notifier.send(n % 2 ? message : { ...message, contact: { phone: '+86 13900139000' } });
    }

    // Assess
    expect(standIn.received).toHaveLength(3);
  });

  it("refuses a resident message that is not about the resident's own case", async () => {
    // Prepare
    const logged = vi.spyOn(logger, 'error');

    // Act
    await notifier.send({ ...resident('gw-1', 1), id: 'gw-2:rate:1' });

    // Assess
    expect(standIn.received).toEqual([]);
    expect(logged).toHaveBeenCalledWith("notification refused: not about the resident's own case", {
      notificationId: 'gw-2:rate:1',
      to: 'reporter:gw-1',
    });
  });
});
