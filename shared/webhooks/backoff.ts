/** The first retry's wait and the cap: doubling from 30 s reaches the hour at the eighth try. */
export const RETRY_BASE_SECONDS = 30;
export const RETRY_CAP_SECONDS = 3_600;
/** Receives before a delivery is parked: about seven hours of retries at the waits above. */
export const MAX_RECEIVES = 12;

/**
 * How long a failed delivery stays invisible before its next try, after its `receiveCount`-th receive: 30 s
 * doubling, capped at an hour, divided by the local TIME_SCALE (so a test's waits take seconds).
 */
export function retryDelaySeconds(receiveCount: number, timeScale = 1): number {
  const attempt = Math.max(1, Math.floor(receiveCount));
  const seconds = Math.min(RETRY_CAP_SECONDS, RETRY_BASE_SECONDS * 2 ** Math.min(attempt - 1, 20));
  return Math.round(seconds / timeScale);
}

/** The whole time a delivery is retried before it is parked, in seconds (for docs and tests). */
export function retryHorizonSeconds(): number {
  let total = 0;
  for (let receive = 1; receive < MAX_RECEIVES; receive++) total += retryDelaySeconds(receive);
  return total;
}
