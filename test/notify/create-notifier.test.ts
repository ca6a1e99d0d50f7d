import { describe, expect, it } from 'vitest';
import { ConfigError } from '#adapters/config.ts';
import { ContactNotifier } from '#adapters/notify/contact-notifier.ts';
import { createNotifier } from '#adapters/notify/create-notifier.ts';
import { OutboxNotifier } from '#adapters/notify/outbox-notifier.ts';

const TABLES = { CASES_TABLE: 'cases', REGISTRY_TABLE: 'registry' };

describe('createNotifier', () => {
  it('keeps messages in the outbox when the stage chose it', async () => {
    // Act
    const outbox = await createNotifier({ ...TABLES, NOTIFIER: 'outbox', OUTBOX_LINKS: 'redacted' });
    const unsaid = createNotifier({ ...TABLES, NOTIFIER: 'outbox' });

    // Assess
    expect(outbox).toBeInstanceOf(OutboxNotifier);
    await expect(unsaid).rejects.toThrow('OUTBOX_LINKS is required');
  });

  it('keeps full links in the outbox only where the stage says so (the local stage)', async () => {
    // Act
    const local = await createNotifier({ ...TABLES, NOTIFIER: 'outbox', OUTBOX_LINKS: 'full' });
    const trial = await createNotifier({ ...TABLES, NOTIFIER: 'outbox', OUTBOX_LINKS: 'redacted' });

    // Assess
    const storesLinks = (notifier: unknown) =>
      (notifier as { options: { storeLinks?: boolean } }).options.storeLinks === true;
    expect([storesLinks(local), storesLinks(trial)]).toEqual([true, false]);
  });

  it('sends through SMS and e-mail, in that order, when the stage chose both', async () => {
    // Act
    const notifier = await createNotifier({
      ...TABLES,
      NOTIFIER: 'sns-sms,ses-email',
      NOTIFY_EMAIL_FROM: 'noreply@grid.example.cn',
    });

    // Assess
    expect(notifier).toBeInstanceOf(ContactNotifier);
    const channels = (notifier as unknown as { channels: { name: string }[] }).channels;
    expect(channels.map((channel) => channel.name)).toEqual(['sms', 'email']);
  });

  it('fails at cold start, naming the setting, when NOTIFIER is missing or unknown or e-mail has no sender', async () => {
    // Act
    const withoutSender = createNotifier({ ...TABLES, NOTIFIER: 'ses-email' });
    const unknown = createNotifier({ ...TABLES, NOTIFIER: 'pigeon' });
    const missing = createNotifier({ ...TABLES });

    // Assess
    await expect(withoutSender).rejects.toThrow(ConfigError);
    await expect(withoutSender).rejects.toThrow(/NOTIFY_EMAIL_FROM/);
    await expect(unknown).rejects.toThrow(/NOTIFIER/);
    await expect(missing).rejects.toThrow('Invalid configuration: NOTIFIER is required');
  });
});
