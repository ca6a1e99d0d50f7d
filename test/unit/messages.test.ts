import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageBody } from '#adapters/notify/contact-messages.ts';
import { graphemes, LINK_PLACEHOLDER } from '#domain/plain-text.ts';
import { ratingMessage, taskMessage } from '#use-cases/messages.ts';
import { assignedIssue, reportedIssue, resolveAt, taskOf } from './fixtures.ts';

const deps = { keys: { linkKey: new Uint8Array(32).fill(7) }, publicUrl: 'https://grid.example.gov.cn' };

/** The resident's words as the message quotes them: between 「 and 」. */
const quoted = (text: string) => /「(.*)」/su.exec(text)?.[1] ?? '';

function both(description: string) {
  const assigned = { ...assignedIssue(), description };
  const resolved = { ...resolveAt(reportedIssue(), 'grid', 1), description };
  const rating = ratingMessage(deps, resolved);
  if (!rating) throw new Error('the fixture reporter has a contact');
  return [taskMessage(deps, assigned, taskOf(assigned)), rating];
}

describe('resident text in messages', () => {
  it('cuts at 40 whole characters wherever an emoji falls, keeping every message well-formed', () => {
    for (let position = 0; position <= 45; position++) {
      // Prepare
      const description = `${'水'.repeat(position)}🚰👨‍👩‍👧🇨🇳${'管'.repeat(50)}`;

      // Act
      for (const message of both(description)) {
        const excerpt = quoted(message.text);

        // Assess
        expect(messageBody(message).isWellFormed()).toBe(true);
        expect(message.text.isWellFormed()).toBe(true);
        expect(graphemes(excerpt.replace(/…$/, ''))).toHaveLength(40);
        expect(description.startsWith(excerpt.replace(/…$/, ''))).toBe(true);
      }
    }
  });

  it('puts the description on one quoted line with links and direction controls taken out', () => {
    // Prepare
    const description = '停水\n【官方】补贴领取：https://evil.example/x\r\n或访问 www.evil.cn\u202e 点击';

    // Act
    const messages = both(description);

    // Assess
    for (const message of messages) {
      expect(quoted(message.text)).toBe(
        `停水 【官方】补贴领取：${LINK_PLACEHOLDER} 或访问 ${LINK_PLACEHOLDER} 点击`,
      );
      expect(message.text).not.toMatch(/[\n\r\u202a-\u202e]|evil|https?:/);
      expect(messageBody(message).split('\n')).toHaveLength(3);
    }
    expect(messages[0]?.text).toMatch(
      /^李网格，案件 LS-20250301-0001，请接收或退回：「停水 .*」。截止时间 /u,
    );
    expect(messages[1]?.text).toMatch(/^您反映的「停水 .*」（案件编号 LS-20250301-0001）已处理完毕/u);
  });

  it('never lets a description add a line, a control character or a link to a message', () => {
    const hostile = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            '\n',
            '\r',
            '\u2028',
            '\u202e',
            '\u2066',
            '\u200b',
            '\u200d',
            '「',
            '」',
            '\ud83d',
            '\udeb0',
          ),
          fc.constantFrom('https://a.cn/x', 'www.b.com', 'c.xn--fiqs8s', 'd．ｃｏｍ', '10.0.0.1', 'e@f.org'),
          fc.constantFrom('🚰', '👨‍👩‍👧', '🇨🇳', '水', 'a', ' '),
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(hostile, (description) => {
        for (const message of both(description)) {
          const body = messageBody(message);
          expect(body.isWellFormed()).toBe(true);
          expect(body.split('\n')).toHaveLength(3);
          expect(message.text).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b]/u);
          expect(quoted(message.text)).not.toMatch(
            /https?:|www\.|\.com|\.cn|\.org|xn--|．ｃｏｍ|10\.0\.0\.1|[「」]/,
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
