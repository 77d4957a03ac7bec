// The statistics of a comparison: per cell, a trimmed paired t-test on log ratios where base and
// head rounds were measured back to back, Welch's t-test (as Node's benchmark/compare.R does) where they
// were not; a relative change with its 95% CI and the smallest change the data could have seen;
// Holm's correction across the cells compared.

import tCdf from '@stdlib/stats-base-dists-t-cdf';
import ttest2 from '@stdlib/stats-ttest2';
import { tQuantile } from '../measure/t-quantile.js';

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

/** Share trimmed from each end of the per-pair ratios: robust to two stray pairs in ten. */
export const pairTrim = 0.2;

/**
 * Base round i and head round i measured back to back: a 20%-trimmed one-sample t-test (Tukey and
 * McLaughlin; Yuen's test for paired data) on the per-pair log ratios ln(head ÷ base). Pairing
 * cancels what the two share, the host's moment; logs make a slowdown and a speed-up of the same
 * factor symmetric; trimming keeps the odd pair that a moment of the host caught on one side only
 * (docs/guide/regression-gate.md, "Regression check: measured") from hiding a real change. The change is
 * the trimmed mean ratio − 1.
 */
export function comparePaired(base: readonly number[], head: readonly number[]): MeanComparison {
  const ratios = head.map((value, index) => Math.log(value / (base[index] ?? Number.NaN))).sort((a, b) => a - b);
  const n = ratios.length;
  const trimmed = Math.floor(pairTrim * n);
  const kept = ratios.slice(trimmed, n - trimmed);
  const center = kept.reduce((sum, value) => sum + value, 0) / kept.length;
  // Winsorized: the trimmed values replaced by the nearest kept ones, for the spread.
  const winsorized = ratios.map((value) => Math.min(Math.max(value, kept[0] ?? value), kept.at(-1) ?? value));
  const winsorizedMean = winsorized.reduce((sum, value) => sum + value, 0) / n;
  const variance = winsorized.reduce((sum, value) => sum + (value - winsorizedMean) ** 2, 0) / (n - 1);
  const se = Math.sqrt(variance) / ((1 - (2 * trimmed) / n) * Math.sqrt(n));
  const df = kept.length - 1;
  const change = Math.exp(center) - 1;
  if (se === 0 || !Number.isFinite(se)) {
    // Every kept pair the same ratio: nothing is uncertain, so no CI to widen.
    return { change, ciLow: change, ciHigh: change, pValue: center === 0 ? 1 : 0, spread: { se: 0, df, scale: 'log' } };
  }
  const pValue = 2 * (1 - tCdf(Math.abs(center / se), df));
  const half = tQuantile(0.975, df) * se;
  return { change, ciLow: Math.exp(center - half) - 1, ciHigh: Math.exp(center + half) - 1, pValue, spread: { se, df, scale: 'log' } };
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
