// The prologue the admin commands share: strict options, --help, and the usage text on a mistake.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../shared/cli/command-line.ts';

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
  };
}

describe('parseCommandLine', () => {
  it('gives the table options, the command’s own options and the positionals', () => {
    const { io: streams, out } = io();

    const parsed = parseCommandLine(
      ['add', 'hotline-12345', '--endpoint', 'http://127.0.0.1:4567', '--dry-run'],
      streams,
      'usage: x',
      { 'dry-run': { type: 'boolean' } },
    );

    expect(typeof parsed).toBe('object');
    if (typeof parsed === 'number') return;
    expect(parsed.values).toEqual({ endpoint: 'http://127.0.0.1:4567', 'dry-run': true });
    expect(parsed.positionals).toEqual(['add', 'hotline-12345']);
    expect(out).toEqual({ stdout: '', stderr: '' });
  });

  it('prints the usage text to stdout for --help and ends with 0', () => {
    const { io: streams, out } = io();

    expect(parseCommandLine(['-h'], streams, 'usage: x')).toBe(0);
    expect(out).toEqual({ stdout: 'usage: x\n', stderr: '' });
  });

  it('refuses an unknown option with why and the usage text on stderr, and ends with 2', () => {
    const { io: streams, out } = io();

    expect(parseCommandLine(['--dry-run'], streams, 'usage: x')).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^Unknown option '--dry-run'[\s\S]*\n\nusage: x\n$/);
  });

  it('words a command’s own refusal the same way', () => {
    const { io: streams, out } = io();
    const parsed = parseCommandLine(['list', 'extra'], streams, 'usage: x');
    if (typeof parsed === 'number') throw new Error('parsed as a usage error');

    expect(parsed.usage('unexpected: extra')).toBe(2);
    expect(out.stderr).toBe('unexpected: extra\n\nusage: x\n');
  });
});
