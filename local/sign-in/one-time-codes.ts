// One-time sign-in codes, kept in memory: a code lives minutes, so a restart only means asking for another.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

export interface CodeRules {
  /** How long a code stays good. */
  readonly lifetimeMs: number;
  /** Wrong tries a code survives; the next wrong one spends it. */
  readonly attempts: number;
  /** Codes one person may be sent per window: more requests are dropped without telling the asker. */
  readonly perWindow: number;
  readonly windowMs: number;
}

export const DEFAULT_CODE_RULES: CodeRules = {
  lifetimeMs: 5 * 60_000,
  attempts: 5,
  perWindow: 3,
  windowMs: 15 * 60_000,
};

interface LiveCode {
  readonly digest: Buffer;
  readonly expires: number;
  attemptsLeft: number;
}

function digestOf(personId: string, code: string): Buffer {
  return createHash('sha256').update(`${personId}\n${code}`).digest();
}

/** Issues six-digit codes per person and redeems each at most once; only digests are kept. */
export class OneTimeCodes {
  private readonly live = new Map<string, LiveCode>();
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly rules: CodeRules = DEFAULT_CODE_RULES,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh code for the person (replacing any earlier one), or undefined past the per-person limit. */
  issue(personId: string): string | undefined {
    const now = this.now();
    const recent = (this.sent.get(personId) ?? []).filter((at) => at > now - this.rules.windowMs);
    if (recent.length >= this.rules.perWindow) return undefined;
    this.sent.set(personId, [...recent, now]);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.live.set(personId, {
      digest: digestOf(personId, code),
      expires: now + this.rules.lifetimeMs,
      attemptsLeft: this.rules.attempts,
    });
    return code;
  }

  /** Whether the code is the person's live one; a right code is spent, and so is one tried too often. */
  redeem(personId: string, code: string): boolean {
    const live = this.live.get(personId);
    if (!live) return false;
    if (live.expires <= this.now()) {
      this.live.delete(personId);
      return false;
    }
    if (timingSafeEqual(live.digest, digestOf(personId, code))) {
      this.live.delete(personId);
      return true;
    }
    live.attemptsLeft -= 1;
    if (live.attemptsLeft <= 0) this.live.delete(personId);
    return false;
  }
}
