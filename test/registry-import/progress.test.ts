import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../shared/registry-import/progress.ts';

function reporter(isTTY = false) {
  let now = 0;
  const lines: string[] = [];
  const report = progressReporter('written', {
    stream: { write: (text: string) => lines.push(text), isTTY },
    intervalMs: 1000,
    now: () => now,
  });
  return { report, lines, advance: (ms: number) => (now += ms) };
}

describe('progressReporter', () => {
  it('reports items done, rate and time left, at most once a second, and always the end', () => {
    // Prepare
    const { report, lines, advance } = reporter();

    // Act
    advance(500);
    report(25, 10_000);
    advance(600);
    report(1_100, 10_000);
    advance(400);
    report(1_500, 10_000);
    advance(98_500);
    report(9_900, 10_000);
    advance(10);
    report(10_000, 10_000);

    // Assess
    expect(lines).toEqual([
      'written: 1,100/10,000 items (11%), 1,000/s, about 9 seconds left\n',
      'written: 9,900/10,000 items (99%), 99/s, about 2 seconds left\n',
      'written: 10,000/10,000 items (100%), 100/s\n',
    ]);
  });

  it('says minutes when much is left', () => {
    // Prepare
    const { report, lines, advance } = reporter();

    // Act
    advance(2_000);
    report(100, 100_000);

    // Assess
    expect(lines).toEqual(['written: 100/100,000 items (0%), 50/s, about 34 minutes left\n']);
  });

  it('redraws one line in place on a terminal', () => {
    // Prepare
    const { report, lines, advance } = reporter(true);

    // Act
    advance(1_000);
    report(50, 100);
    advance(1_000);
    report(100, 100);

    // Assess
    expect(lines).toEqual([
      '\r\x1b[2Kwritten: 50/100 items (50%), 50/s, about 1 second left',
      '\r\x1b[2Kwritten: 100/100 items (100%), 50/s\n',
    ]);
  });
});
