import { describe, expect, it } from 'vitest';
import { unusedNotificationClients } from '#infra/notification-clients.ts';

describe('unusedNotificationClients', () => {
  it('leaves out the clients of the channels a stage does not use', () => {
    expect(unusedNotificationClients('outbox')).toEqual(['@aws-sdk/client-sns', '@aws-sdk/client-sesv2']);
    expect(unusedNotificationClients(undefined)).toEqual(['@aws-sdk/client-sns', '@aws-sdk/client-sesv2']);
    expect(unusedNotificationClients('sns-sms')).toEqual(['@aws-sdk/client-sesv2']);
    expect(unusedNotificationClients('ses-email')).toEqual(['@aws-sdk/client-sns']);
    expect(unusedNotificationClients('sns-sms,ses-email')).toEqual([]);
  });
});
