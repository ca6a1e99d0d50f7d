import { InvalidDurationError } from './errors.ts';

const PATTERN = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Parses the ISO 8601 durations the category table uses (days, hours, minutes, seconds) into milliseconds. */
export function durationToMs(iso: string): number {
  const match = PATTERN.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) throw new InvalidDurationError(iso);
  const [, days, hours, minutes, seconds] = match;
  return (
    ((Number(days ?? 0) * 24 + Number(hours ?? 0)) * 60 + Number(minutes ?? 0)) * 60_000 +
    Number(seconds ?? 0) * 1000
  );
}

/**
 * Seconds a workflow wait lasts for a business duration. `timeScale` > 1 compresses time on a local run
 * (3600 turns an hour into a second); Step Functions takes whole seconds, at least one.
 */
export function waitSeconds(iso: string, timeScale: number): number {
  return Math.max(1, Math.ceil(durationToMs(iso) / timeScale / 1000));
}
