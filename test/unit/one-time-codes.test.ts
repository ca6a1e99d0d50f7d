// The local runtime's sign-in codes, on a clock the test moves.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CODE_RULES, OneTimeCodes } from '#local/sign-in/one-time-codes.ts';

function codesAt(start = 0) {
  let now = start;
  const codes = new OneTimeCodes(DEFAULT_CODE_RULES, () => now);
  return { codes, advance: (ms: number) => (now += ms) };
}

const wrongFor = (code: string) => (code === '000000' ? '000001' : '000000');

describe('one-time sign-in codes', () => {
  it('redeem a right code once, for its own person only', () => {
    // Prepare
    const { codes } = codesAt();
    const code = String(codes.issue('sup-s-1'));

    // Act
    const other = codes.redeem('sup-s-2', code);
    const first = codes.redeem('sup-s-1', code);
    const again = codes.redeem('sup-s-1', code);

    // Assess
    expect(code).toMatch(/^\d{6}$/);
    expect([other, first, again]).toEqual([false, true, false]);
  });

  it('refuse a code past its lifetime', () => {
    // Prepare
    const { codes, advance } = codesAt();
    const code = String(codes.issue('w-0001'));

    // Act
    advance(DEFAULT_CODE_RULES.lifetimeMs);
    const late = codes.redeem('w-0001', code);

    // Assess
    expect(late).toBe(false);
  });

  it('spend a code after its allowed wrong tries', () => {
    // Prepare
    const { codes } = codesAt();
    const code = String(codes.issue('w-0001'));

    // Act
    const tries = Array.from({ length: DEFAULT_CODE_RULES.attempts }, () =>
      codes.redeem('w-0001', wrongFor(code)),
    );
    const right = codes.redeem('w-0001', code);

    // Assess
    expect(tries.every((ok) => !ok)).toBe(true);
    expect(right).toBe(false);
  });

  it('keep only the newest code, and send no more than the window allows', () => {
    // Prepare
    const { codes, advance } = codesAt();

    // Act
    const issued = Array.from({ length: DEFAULT_CODE_RULES.perWindow + 1 }, () => codes.issue('sup-d'));
    const older = codes.redeem('sup-d', String(issued[0]));
    advance(DEFAULT_CODE_RULES.windowMs);
    const later = codes.issue('sup-d');

    // Assess
    expect(issued.slice(0, -1).every((code) => typeof code === 'string')).toBe(true);
    expect(issued.at(-1)).toBeUndefined();
    expect(older).toBe(issued[0] === issued[DEFAULT_CODE_RULES.perWindow - 1]);
    expect(later).toMatch(/^\d{6}$/);
  });
});
