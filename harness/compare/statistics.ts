// The statistics of a comparison: Welch's t-test per cell (as Node's benchmark/compare.R does),
// a relative change with its 95% CI, and Holm's correction across the cells compared.
import ttest2 from '@stdlib/stats-ttest2';

export interface MeanComparison {
  /** (head mean − base mean) ÷ base mean: −0.1 is 10% lower. */
  readonly change: number;
  /** 95% CI of the change, from Welch's CI of the difference of means, ÷ base mean. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Two-sided Welch p-value, not yet corrected for the number of cells. */
  readonly pValue: number;
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
    return { change, ciLow: change, ciHigh: change, pValue: change === 0 ? 1 : 0 };
  }
  return { change, ciLow: low / baseMean, ciHigh: high / baseMean, pValue: test.pValue };
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
