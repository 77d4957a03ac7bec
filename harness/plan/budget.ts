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
