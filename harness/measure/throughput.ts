// A cell's throughput from its timed batches: tinybench times every measured batch, probed ones
// included, so its own statistics would mix in the batches that ran the event-loop probe.
import { median } from './median.js';
import { tQuantile } from './t-quantile.js';

export interface Throughput {
  /** Mean of the per-batch rates, tasks/s. */
  readonly mean: number;
  /** 95% CI of that mean (Student's t, as tinybench computes it); NaN from a single batch. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Median of the per-batch rates. */
  readonly median: number;
}

/** Tasks per second of batches of `tasks` tasks that took `batchMs` each. */
export function throughputOf(batchMs: readonly number[], tasks: number): Throughput {
  const rates = batchMs.map((ms) => (tasks * 1000) / ms);
  const n = rates.length;
  const mean = rates.reduce((sum, rate) => sum + rate, 0) / n;
  const half =
    n < 2 ? Number.NaN : tQuantile(0.975, n - 1) * Math.sqrt(rates.reduce((sum, rate) => sum + (rate - mean) ** 2, 0) / (n - 1) / n);
  return { mean, ciLow: mean - half, ciHigh: mean + half, median: median(rates) ?? Number.NaN };
}
