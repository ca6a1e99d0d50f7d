import { describe, expect, it } from 'vitest';
import { e164, emailInput, smsPublishInput } from '#adapters/notify/contact-messages.ts';
import type { Notification } from '#ports';

const TASK: Notification = {
  id: 'gw-1:task:2',
  to: 'w-0001',
  subject: '供水（网格）',
  text: '张三，请接收或退回：3号楼停水。',
  link: 'https://api.example.cn/tasks/gw-1.2.abc',
};

describe('e164', () => {
  it('keeps international numbers and gives Chinese mobile numbers +86', () => {
    // Act
    const numbers = ['+86 138-0013-8000', '13800138000', '(+852) 9123 4567', '010-1234', 'abc'].map(e164);

    // Assess
    expect(numbers).toEqual(['+8613800138000', '+8613800138000', '+85291234567', undefined, undefined]);
  });
});

describe('smsPublishInput', () => {
  it('publishes a transactional SMS to the number with subject, text and link on their own lines', () => {
    // Act
    const input = smsPublishInput(TASK, '+8613800138000');

    // Assess
    expect(input).toEqual({
      PhoneNumber: '+8613800138000',
      Message: '供水（网格）\n张三，请接收或退回：3号楼停水。\nhttps://api.example.cn/tasks/gw-1.2.abc',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });

  it('leaves the link line out of a message without one', () => {
    // Act
    const input = smsPublishInput({ ...TASK, link: undefined }, '+8613800138000');

    // Assess
    expect(input.Message).toBe('供水（网格）\n张三，请接收或退回：3号楼停水。');
  });
});

describe('emailInput', () => {
  it('sends a UTF-8 plain-text e-mail from the sender, tagged with a tag-safe notification id', () => {
    // Act
    const input = emailInput(TASK, 'zhang@example.cn', 'noreply@grid.example.cn');

    // Assess
    expect(input).toEqual({
      FromEmailAddress: 'noreply@grid.example.cn',
      Destination: { ToAddresses: ['zhang@example.cn'] },
      Content: {
        Simple: {
          Subject: { Data: '供水（网格）', Charset: 'UTF-8' },
          Body: {
            Text: {
              Data: '供水（网格）\n张三，请接收或退回：3号楼停水。\nhttps://api.example.cn/tasks/gw-1.2.abc',
              Charset: 'UTF-8',
            },
          },
        },
      },
      EmailTags: [{ Name: 'notification', Value: 'gw-1_task_2' }],
    });
  });
});
