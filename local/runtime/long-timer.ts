// setTimeout fires at once for delays above 2^31-1 ms (about 24.8 days); real timeouts in
// workflows can be far longer, so long delays are chained in steps below that limit.

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `fn` after `delayMs` (any length, always asynchronously). Returns a function that cancels it. */
export function setLongTimeout(fn: () => void, delayMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const dueAt = Date.now() + Math.max(0, delayMs);
  const arm = () => {
    const remaining = dueAt - Date.now();
    timer = remaining > 0 ? setTimeout(arm, Math.min(remaining, MAX_TIMER_MS)) : undefined;
    if (!timer) fn();
  };
  timer = setTimeout(arm, Math.min(Math.max(0, delayMs), MAX_TIMER_MS));
  return () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}
