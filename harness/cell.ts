// A cell is one point of the sweep: scenario × params × variant × threads, run in its own process.
import type { Params } from './scenario.js';

export const variants = ['sync', 'libuv-async', 'spawn-per-task', 'pooled'] as const;
/** How a cell runs the workload (CSV `variant`). */
export type Variant = (typeof variants)[number];

/** One cell of the sweep. */
export interface Cell {
  readonly scenario: string;
  /** Compiled scenario module, imported again by the cell process and its workers. */
  readonly scenarioFile: string;
  readonly params: Params;
  readonly variant: Variant;
  readonly threads: number;
  /** Set when the variant cannot run this scenario: the row's status is `n/a` with this reason. */
  readonly notApplicable?: string;
  /** The scenario's own warm-up, where it declares one (`Scenario.warmupMs`). */
  readonly warmupMs?: number;
}

/** How much sampling a cell does; tinybench runs until both the time and the count are met. */
export interface SampleBudget {
  /** Tasks in one batch; one sample = one batch, the same batch at every thread count. */
  readonly tasks: number;
  readonly warmupMs: number;
  readonly warmupBatches: number;
  readonly timeMs: number;
  readonly minSamples: number;
}

/** What the parent hands a cell process (argv, JSON). */
export interface CellSpec {
  readonly mode: 'measure' | 'reference';
  readonly scenarioFile: string;
  readonly params: Params;
  readonly variant: Variant;
  readonly threads: number;
  readonly budget: SampleBudget;
  readonly tmpDir: string;
}

/** Figures of one measured cell; times in ms unless the name says otherwise. */
export interface Measurement {
  readonly tasks: number;
  /** Wall time of each measured batch, in order. */
  readonly batchMs: readonly number[];
  /** Tasks per second: mean and 95% CI of the per-batch rates, and their median. */
  readonly throughput: { readonly mean: number; readonly ciLow: number; readonly ciHigh: number; readonly median: number };
  /** Per-task latency, submit → result, over every measured task. */
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** Main-thread event-loop delay over the measured batches (includes the 1 ms sampling interval). */
  readonly eldP50Ms: number;
  readonly eldP99Ms: number;
  readonly eldMaxMs: number;
  /** Main-thread event-loop utilization over the measured batches, 0–1. */
  readonly elu: number;
  /** Median over measured batches of the main thread's event-loop utilization. */
  readonly eluP50: number;
  /**
   * Median over measured batches of the share of worker thread-time spent inside the kernel
   * (kernel ms summed over tasks ÷ (workers × batch ms)); NaN where no worker runs the kernel.
   */
  readonly workerBusyP50: number;
  /** The most main-thread GC pause time that fell in any one second of the measured window. */
  readonly gcMaxMsPerSecond: number;
  /** CPU time of the whole process (all threads) over the measured batches. */
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  readonly measuredMs: number;
  /** Peak resident set size of the cell process over its life. */
  readonly peakRssMb: number;
  /** SHA-256 over every task's output of one batch; equal in every batch of the cell. */
  readonly digest: string;
}

export type FailureStatus = 'failed' | 'crashed' | 'timeout' | 'mismatch';
/** CSV `status`. */
export type CellStatus = 'ok' | 'n/a' | FailureStatus;

/** What became of a cell: a union on `status`, every member written as a row. */
export type CellOutcome =
  | { readonly status: 'ok'; readonly measurement: Measurement }
  | { readonly status: 'n/a'; readonly error: string }
  | { readonly status: FailureStatus; readonly error: string };

/** A cell process's one IPC message to the parent. */
export type ChildReport =
  | { readonly kind: 'measured'; readonly measurement: Measurement }
  | { readonly kind: 'reference'; readonly digest: string }
  | { readonly kind: 'failed'; readonly status: FailureStatus; readonly error: string };

/** Stable key of a cell, shared by the CSV and the samples file: `pbkdf2/iterations=1000/pooled/2`. */
export function cellId(cell: Pick<Cell, 'scenario' | 'params' | 'variant' | 'threads'>): string {
  return `${groupKey(cell)}/${cell.variant}/${cell.threads}`;
}

/** Cells with the same scenario and params share a batch, a reference digest and a sync baseline. */
export function groupKey(cell: Pick<Cell, 'scenario' | 'params'>): string {
  return `${cell.scenario}/${Object.entries(cell.params).map(([name, value]) => `${name}=${value}`).join(',')}`;
}
