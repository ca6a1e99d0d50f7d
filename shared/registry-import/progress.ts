/** Where progress lines go: stderr, so the summary on stdout stays clean for scripts. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
}

export interface ProgressOptions {
  readonly stream: ProgressStream;
  /** At most one line per interval: a large file must not flood the terminal or a CI log. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

function duration(seconds: number): string {
  if (seconds < 60) return plural(Math.ceil(seconds), 'second');
  const minutes = Math.ceil(seconds / 60);
  return minutes < 60 ? plural(minutes, 'minute') : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * A listener that reports `label: done/total items (percent), rate/s, about N left`, throttled; on a terminal the
 * line is redrawn in place. The last call (done = total) is always reported.
 */
export function progressReporter(
  label: string,
  options: ProgressOptions,
): (done: number, total: number) => void {
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 1000;
  const started = now();
  let lastReport = started;
  return (done, total) => {
    const at = now();
    if (done < total && at - lastReport < interval) return;
    lastReport = at;
    const seconds = Math.max((at - started) / 1000, 0.001);
    const rate = done / seconds;
    const left = done < total && rate > 0 ? `, about ${duration((total - done) / rate)} left` : '';
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const line = `${label}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} items (${percent}%), ${Math.round(rate).toLocaleString('en')}/s${left}`;
    const end = done >= total ? '\n' : '';
    options.stream.write(options.stream.isTTY ? `\r\x1b[2K${line}${end}` : `${line}\n`);
  };
}
