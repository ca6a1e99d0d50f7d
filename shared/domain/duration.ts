import { parseIsoDuration } from '#contract/template.ts';
import { InvalidDurationError } from './errors.ts';

/**
 * Parses an ISO 8601 duration of weeks, days, hours, minutes or seconds (`P1W`, `P1DT12H`, `PT0.5H`; the
 * grammar is in the template contract) into whole milliseconds.
 */
export function durationToMs(iso: string): number {
  const parts = parseIsoDuration(iso);
  if (!parts) throw new InvalidDurationError(iso);
  const { weeks, days, hours, minutes, seconds } = parts;
  return Math.round(((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000);
}

/**
 * Seconds a workflow wait lasts for a business duration. `timeScale` > 1 compresses time on a local run
 * (3600 turns an hour into a second); Step Functions takes whole seconds, at least one.
 */
export function waitSeconds(iso: string, timeScale: number): number {
  return Math.max(1, Math.ceil(durationToMs(iso) / timeScale / 1000));
}

/**
 * Real seconds a workflow waits until a business instant: the business time left, divided by the clock's
 * `timeScale`; Step Functions takes whole seconds, at least one, so a deadline already passed fires at once.
 */
export function secondsUntil(deadline: Date, clock: { now(): Date; readonly timeScale: number }): number {
  const businessMs = deadline.getTime() - clock.now().getTime();
  return Math.max(1, Math.ceil(businessMs / clock.timeScale / 1000));
}
