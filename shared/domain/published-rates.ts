/** The figures the published rates divide; without `deferred`, 延期率 is left empty rather than guessed. */
export interface RateInputs {
  readonly received: number;
  readonly closed: number;
  readonly closedOnTime: number;
  readonly reworked: number;
  readonly rated: number;
  readonly satisfied: number;
  readonly deferred?: number | undefined;
}

/** The rates districts publish, each a fraction to four places, null when nothing was there to divide. */
export interface PublishedRates {
  /** 按期办结率: closed on time ÷ closed. */
  readonly onTimeRate: number | null;
  /** 满意率: satisfied ÷ rated (an upheld appeal's rating is in neither). */
  readonly satisfactionRate: number | null;
  /** 返工率: reworked ÷ closed. */
  readonly reworkRate: number | null;
  /** 延期率: deferred ÷ received. */
  readonly deferralRate: number | null;
}

function rate(part: number | undefined, whole: number): number | null {
  return part === undefined || whole <= 0 ? null : Math.round((part / whole) * 10000) / 10000;
}

/** 按期办结率, 满意率, 返工率 and 延期率 of one unit's figures. */
export function publishedRates(figures: RateInputs): PublishedRates {
  return {
    onTimeRate: rate(figures.closedOnTime, figures.closed),
    satisfactionRate: rate(figures.satisfied, figures.rated),
    reworkRate: rate(figures.reworked, figures.closed),
    deferralRate: rate(figures.deferred, figures.received),
  };
}

/**
 * Orders units for a ranking: by satisfaction rate, then on-time rate, then fewer reworks, highest first; a
 * unit with no rate yet ranks below those with one.
 */
export function byPublishedRates(a: PublishedRates, b: PublishedRates): number {
  const fewerReworks = (rates: PublishedRates) => (rates.reworkRate === null ? null : -rates.reworkRate);
  const keys = [
    [a.satisfactionRate, b.satisfactionRate],
    [a.onTimeRate, b.onTimeRate],
    [fewerReworks(a), fewerReworks(b)],
  ] as const;
  for (const [x, y] of keys) {
    const left = x ?? Number.NEGATIVE_INFINITY;
    const right = y ?? Number.NEGATIVE_INFINITY;
    if (left !== right) return right - left;
  }
  return 0;
}
