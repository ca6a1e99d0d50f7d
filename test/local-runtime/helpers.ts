// Shared helpers for the local runtime tests: temp dirs, a log collector, how long to wait.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Logger } from '../../local/runtime/index.ts';

export const repoRoot = join(import.meta.dirname, '..', '..');

export async function makeTempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `gridwork-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  data?: object;
}

/** Collects log entries so tests can check what was (and was not) logged. */
export function collectingLogger(): Logger & { entries: LogEntry[]; text(): string } {
  const entries: LogEntry[] = [];
  const add = (level: LogEntry['level']) => (msg: string, data?: object) => {
    entries.push({ level, msg, ...(data ? { data } : {}) });
  };
  return {
    entries,
    info: add('info'),
    warn: add('warn'),
    error: add('error'),
    text: () => JSON.stringify(entries),
  };
}

/** How long the local runtime tests wait for something to happen, and how often they look. */
export const WAIT = { timeout: 10_000, interval: 25 } as const;

export function sfnClient(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
