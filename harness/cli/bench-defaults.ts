// Every default of `threadbench bench`'s sweep, in one place: the run reads them and the help text
// is written from them.
import { defaultBudget, defaultTasks, type SampleBudget } from '../plan/budget.js';
import { leastRoundsForInterval } from '../results/fold-rounds.js';
import type { TimeBudget } from '../results/later-rounds.js';
import type { BenchArgs } from './bench-args.js';

/**
 * The default run's budget (docs/methodology.md, "Rounds"): five minutes for `npm run bench`, less what its
 * build check and npm's own start take before the bench starts (a few seconds from a fresh clone).
 */
export const defaultBudgetMs = 5 * 60_000 - 10_000;

/** Of a budget, what the end of the run keeps for itself: the fold, the summary and the answer. */
export const budgetEndReserveMs = 1_000;

/** What a budget plans beside its time. */
export const budgetPlan: Omit<TimeBudget, 'budgetMs'> = {
  // The fewest rounds the fold trusts an interval from.
  minRounds: leastRoundsForInterval,
  maxRounds: 10,
};

/** `--rounds` without `--extra-rounds`: up to as many follow-up rounds again, within this share of the rounds' time. */
export const followUpTimeShare = 0.2;

export const quickThreads = [1, 2];

/**
 * What `--quick` samples in each cell: one short look, its answers tentative. Two measured batches,
 * one timed and one probed: a quick run states no interval, so a second timed batch of a slow cell
 * (a worker spawned per task, megabytes handed off) would buy a spread that nothing reads.
 */
export const quickSampling = { warmupMs: 50, timeMs: 100, minSamples: 2 } as const;
/** `--quick`'s fewest tasks in a batch: a short look at more cells. */
export const quickLeastBatchTasks = 4;

/**
 * What a served quick cell samples (`bench --serve --quick`, each round of the interleaved A/B):
 * 200 ms of batches, not 50, is what lets the A/B see a 10% change on sub-millisecond tasks
 * (docs/guide/regression-gate.md, "Regression check: measured").
 */
export const abSampling = { warmupMs: 100, timeMs: 200, minSamples: 3 } as const;

/** A cell is killed after this long and recorded as `timeout` (a server cell too, start to last answer). */
export const defaultTimeoutMs = 120_000;

/** `bench --server`'s own defaults (docs/guide/server-mode.md, "Server mode"). */
export const serverDefaults = {
  /** Offered loads, in units of the sync cell's measured capacity: below it, near it, past it. */
  loads: [0.5, 0.9, 1.5, 3],
  /** Fewer than a sweep's: every (cell × load) is seconds of load, not a fraction of one. */
  rounds: 3,
  /** Each load's measured window, and the load before it. */
  windowMs: 3000,
  loadWarmupMs: 1000,
  pingRps: 100,
  /** A request not answered this long after it was due counts as lost. */
  requestTimeoutMs: 10_000,
} as const;

/**
 * The most heap a thread of a cell gets by default (MiB): room for a kernel's honest working set
 * (a decoded image, a parsed document), while a runaway one still reaches it in seconds.
 */
export const maxDefaultHeapLimitMb = 2048;
/** The least a flag may ask for: below it Node itself has little room to start. */
export const minHeapLimitMb = 128;

/**
 * Each thread's V8 heap limit in a cell process (main and workers alike): a runaway kernel ends as
 * "out of memory" rather than as a timeout. A quarter of the machine's memory at most; the cell's
 * resident-memory limit (run-cell.ts) keeps its threads together within half of it.
 */
export function defaultHeapLimitMb(totalMemoryBytes: number): number {
  return Math.max(minHeapLimitMb, Math.min(maxDefaultHeapLimitMb, Math.floor(totalMemoryBytes / 2 ** 20 / 4)));
}

/** Powers of two up to twice the cores, and the core count itself: the knee and what lies past it. */
export function defaultThreads(cores: number): number[] {
  const counts = new Set([cores]);
  for (let threads = 1; threads <= 2 * cores; threads *= 2) counts.add(threads);
  return [...counts].sort((a, b) => a - b);
}

/** What each cell samples in a round: quick's short look (longer when served to the A/B), or the full run's. */
export function sampleBudgetFor(
  args: Pick<BenchArgs, 'quick' | 'serve' | 'tasks' | 'warmupMs' | 'timeMs' | 'minSamples'>,
  threads: readonly number[],
): SampleBudget {
  if (args.quick) {
    // Served, quick is what the interleaved A/B measures each round, and needs its longer sampling.
    const sampling = args.serve ? abSampling : quickSampling;
    return {
      tasks: args.tasks ?? defaultTasks(threads, quickLeastBatchTasks),
      warmupMs: args.warmupMs ?? sampling.warmupMs,
      warmupBatches: 1,
      timeMs: args.timeMs ?? sampling.timeMs,
      minSamples: args.minSamples ?? sampling.minSamples,
    };
  }
  const budget = defaultBudget(args.tasks ?? defaultTasks(threads));
  return {
    ...budget,
    warmupMs: args.warmupMs ?? budget.warmupMs,
    timeMs: args.timeMs ?? budget.timeMs,
    minSamples: args.minSamples ?? budget.minSamples,
  };
}
