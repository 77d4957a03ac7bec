// How much sampling a cell does, and by default, shared by the bench and the Doctor run.
import { z } from 'zod';

export const sampleBudgetSchema = z.object({
  /** Tasks in one batch; one sample = one batch, the same batch at every thread count. */
  tasks: z.number().int().positive(),
  warmupMs: z.number().nonnegative(),
  warmupBatches: z.number().int().nonnegative(),
  timeMs: z.number().nonnegative(),
  minSamples: z.number().int().positive(),
});
/** How much sampling a cell does; tinybench runs until both the time and the count are met. */
export type SampleBudget = Readonly<z.infer<typeof sampleBudgetSchema>>;

/** The fewest tasks in a batch by default: enough that one batch is more than one hand-off each way. */
export const leastBatchTasks = 8;

/** Enough tasks per batch that the widest thread count has one for each thread. */
export function defaultTasks(threads: readonly number[], least = leastBatchTasks): number {
  return Math.max(least, ...threads);
}

/**
 * What a cell samples in each round of a full run: a time-based warm-up, then at least
 * `minSamples` batches over at least `timeMs`. Rounds give the variation between moments of the
 * host; more batches inside one process would only repeat its moment.
 */
export const roundSampling = { warmupMs: 500, timeMs: 150, minSamples: 3 } as const;

export function defaultBudget(tasks: number): SampleBudget {
  return { tasks, ...roundSampling, warmupBatches: 1 };
}
