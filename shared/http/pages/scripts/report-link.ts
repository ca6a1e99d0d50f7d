// The month a report is usually printed for, and the link from the dashboard to a unit's printable report.

/** The month before today's in China time, `yyyy-mm`. */
export function lastMonth(): string {
  const today = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/** The printable report of a unit for last month, in the page's language. */
export function reportHref(unit: { readonly scope: string; readonly id: string }, lang: string): string {
  const english = lang === 'en' ? '&lang=en' : '';
  return `/dashboard/report?month=${lastMonth()}&unit=${encodeURIComponent(`${unit.scope}:${unit.id}`)}${english}`;
}
