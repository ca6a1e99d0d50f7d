import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import type { Notification } from '#ports';

/** Where one person can be reached; either may be missing. */
export interface Contact {
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
}

/**
 * The text of a message as one SMS or e-mail body: subject, text, then the link on a line of its own. Always
 * well-formed: a lone surrogate would make the SMS client's serializer throw before anything is sent.
 */
export function messageBody(notification: Notification): string {
  const lines = [notification.subject, notification.text];
  if (notification.link) lines.push(notification.link);
  return lines.join('\n').toWellFormed();
}

/** An SNS Publish straight to a phone number (E.164), sent as a transactional SMS (higher delivery priority). */
export function smsPublishInput(notification: Notification, phone: string): PublishCommandInput {
  return {
    PhoneNumber: phone,
    Message: messageBody(notification),
    MessageAttributes: {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    },
  };
}

/** An SES v2 SendEmail of a plain-text message, tagged with the notification id to trace it in SES events. */
export function emailInput(notification: Notification, to: string, from: string): SendEmailCommandInput {
  return {
    FromEmailAddress: from,
    Destination: { ToAddresses: [to] },
    Content: {
      Simple: {
        Subject: { Data: notification.subject.toWellFormed(), Charset: 'UTF-8' },
        Body: { Text: { Data: messageBody(notification), Charset: 'UTF-8' } },
      },
    },
    // Tag values allow letters, digits, '_' and '-' only.
    EmailTags: [{ Name: 'notification', Value: notification.id.replace(/[^\w-]/g, '_').slice(0, 256) }],
  };
}

/** A phone number as SNS accepts it: E.164, a plus and up to 15 digits. Local Chinese mobiles gain +86. */
export function e164(phone: string): string | undefined {
  const compact = phone.replace(/[\s()-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
  if (/^1[3-9]\d{9}$/.test(compact)) return `+86${compact}`;
  return undefined;
}
