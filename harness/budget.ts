// How much sampling a cell does by default, shared by the bench and the Doctor run.
import type { SampleBudget } from './cell.js';

/** Enough tasks per batch that the widest thread count has one for each thread. */
export function defaultTasks(threads: readonly number[], least = 8): number {
  return Math.max(least, ...threads);
}

/**
 * The full run's budget per round: a time-based warm-up, at least 3 batches over at least 150 ms.
 * Rounds (5 by default) give the variation between moments of the host; more batches inside one
 * process would only repeat its moment.
 */
export function defaultBudget(tasks: number): SampleBudget {
  return { tasks, warmupMs: 500, warmupBatches: 1, timeMs: 150, minSamples: 3 };
}
