// The statistics of a comparison: per cell, a paired t-test on log ratios where base and head
// rounds were measured back to back, Welch's t-test (as Node's benchmark/compare.R does) where they
// were not; a relative change with its 95% CI and the smallest change the data could have seen;
// Holm's correction across the cells compared.
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import ttest from '@stdlib/stats-ttest';
import ttest2 from '@stdlib/stats-ttest2';

export interface MeanComparison {
  /** (head mean − base mean) ÷ base mean: −0.1 is 10% lower. */
  readonly change: number;
  /** 95% CI of the change, from Welch's CI of the difference of means, ÷ base mean. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Two-sided p-value, not yet corrected for the number of cells. */
  readonly pValue: number;
  /**
   * The standard error the change was judged with, and its degrees of freedom: of the mean log
   * ratio (paired) or of the relative difference of means (Welch). What the minimum detectable
   * effect is computed from.
   */
  readonly spread: { readonly se: number; readonly df: number; readonly scale: 'log' | 'relative' };
}

/**
 * Base round i and head round i measured back to back: a one-sample t-test on the per-pair log
 * ratios ln(head ÷ base). Pairing cancels what the two share, the host's moment; logs make a
 * slowdown and a speed-up of the same factor symmetric. The change is the geometric mean ratio − 1.
 */
export function comparePaired(base: readonly number[], head: readonly number[]): MeanComparison {
  const ratios = head.map((value, index) => Math.log(value / (base[index] ?? Number.NaN)));
  const test = ttest(ratios, { alpha: 0.05 });
  const change = Math.exp(test.mean) - 1;
  if (Number.isNaN(test.pValue) || test.sd === 0) {
    // Every pair the same ratio: nothing is uncertain, so no CI to widen.
    return { change, ciLow: change, ciHigh: change, pValue: test.mean === 0 ? 1 : 0, spread: { se: 0, df: test.df, scale: 'log' } };
  }
  const [low = Number.NaN, high = Number.NaN] = test.ci;
  return { change, ciLow: Math.exp(low) - 1, ciHigh: Math.exp(high) - 1, pValue: test.pValue, spread: { se: test.sd, df: test.df, scale: 'log' } };
}

/**
 * The change a test of this spread would call significant with 80% probability at significance
 * `alpha` (two-sided): (t₁₋α/₂ + t₀.₈) × standard error, as a relative change.
 */
export function minimumDetectableEffect(spread: MeanComparison['spread'], alpha: number, power = 0.8): number {
  if (spread.df < 1) return Number.POSITIVE_INFINITY;
  const delta = (tQuantile(1 - alpha / 2, spread.df) + tQuantile(power, spread.df)) * spread.se;
  return spread.scale === 'log' ? Math.exp(delta) - 1 : delta;
}

/** Welch's unequal-variance t-test of head against base; needs two samples a side. */
export function compareMeans(base: readonly number[], head: readonly number[]): MeanComparison {
  // @stdlib computes the statistic as x − y: head first, so the CI is of head − base.
  const test = ttest2([...head], [...base], { variance: 'unequal', alpha: 0.05 });
  const baseMean = test.ymean;
  const [low = Number.NaN, high = Number.NaN] = test.ci;
  const change = (test.xmean - baseMean) / baseMean;
  if (Number.isNaN(test.pValue)) {
    // Both sides without variance (identical samples): nothing is uncertain, so no CI to widen.
    return { change, ciLow: change, ciHigh: change, pValue: change === 0 ? 1 : 0, spread: { se: 0, df: test.df, scale: 'relative' } };
  }
  // Welch's standard error of the difference, from its CI half-width, relative to base.
  const se = (high - low) / 2 / tQuantile(0.975, test.df) / baseMean;
  return { change, ciLow: low / baseMean, ciHigh: high / baseMean, pValue: test.pValue, spread: { se, df: test.df, scale: 'relative' } };
}

/**
 * Holm's step-down adjustment: controls the chance of any false positive among the k cells at
 * alpha, and is uniformly more powerful than Bonferroni. Same results as R's p.adjust(p, "holm").
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

/** Node's compare.R convention, on the corrected p-value. */
export function significanceStars(adjustedP: number): '***' | '**' | '*' | '' {
  if (adjustedP < 0.001) return '***';
  if (adjustedP < 0.01) return '**';
  if (adjustedP < 0.05) return '*';
  return '';
}
