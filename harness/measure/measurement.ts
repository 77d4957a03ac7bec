// What measuring a cell yields: its figures, or the status that says why there are none. The
// figures cross from the cell process to the harness, so they are a schema, checked on arrival.
import { z } from 'zod';

/** A measured figure: NaN where there was nothing to measure (no worker ran the kernel). */
export const figure = z.custom<number>((value) => typeof value === 'number', { message: 'Expected a number' });

export const measurementSchema = z.object({
  tasks: z.number().int().positive(),
  /** Wall time of each timed batch, in order (the probed batches between them are not timed: measured-window.ts). */
  batchMs: z.array(figure).readonly(),
  /** Tasks per second: mean and 95% CI of the timed batches' rates, and their median. */
  throughput: z.object({ mean: figure, ciLow: figure, ciHigh: figure, median: figure }).readonly(),
  /** Per-task latency, submit → result, over every task of the timed batches; ms, as every time here. */
  latencyP50Ms: figure,
  latencyP99Ms: figure,
  /** Main-thread event-loop delay over the probed batches (includes the 1 ms sampling interval). */
  eldP50Ms: figure,
  eldP99Ms: figure,
  eldMaxMs: figure,
  /** Main-thread event-loop utilization over the timed batches, 0–1. */
  elu: figure,
  /** Median over timed batches of the main thread's event-loop utilization. */
  eluP50: figure,
  /**
   * Median over timed batches of the share of the lanes' time spent inside the kernel: kernel
   * ms summed over the batch's tasks ÷ each lane's span (from the batch's start until it ran dry;
   * a lane that got no task counts the whole batch). NaN where no worker runs the kernel.
   */
  workerBusyP50: figure,
  /**
   * Medians over the timed batches' worker tasks of the hand-off each way: submit → kernel start in the
   * worker, kernel end → result on the main thread (both threads read timeOrigin + now()). For
   * spawn-per-task the way in includes starting the worker. NaN where no worker runs the kernel.
   */
  handoffInP50Ms: figure,
  handoffOutP50Ms: figure,
  /**
   * Where the threads a task is handed to ran beside the main thread over the measured batches
   * (thread-placement.ts): the share of samples in which a busy one had last run on the main
   * thread's vCPU, and migrations and context switches of all threads per task. NaN where
   * nothing is handed off (sync, spawn-per-task) or there is no Linux /proc.
   */
  sameCpuShare: figure,
  migrationsPerTask: figure,
  switchesPerTask: figure,
  /** [vCPU, share] of the process's CPU time over the measured batches, where sampled; empty elsewhere. */
  cpuShares: z.array(z.tuple([z.number().int().nonnegative(), figure]).readonly()).readonly(),
  /** The most main-thread GC pause time that fell in any one second of the measured window. */
  gcMaxMsPerSecond: figure,
  /** CPU time of the whole process (all threads) over the timed batches. */
  cpuUserMs: figure,
  cpuSystemMs: figure,
  /** CPU time of the main thread alone over the timed batches; NaN where Node has no process.threadCpuUsage(). */
  mainCpuMs: figure,
  measuredMs: figure,
  /** Peak resident set size of the cell process over its life. */
  peakRssMb: figure,
  /**
   * The host's speed around the cell: the slower of two probes of fixed native work on the main
   * thread (host-probe.ts), one before the warm-up and one after the last batch; MB/s.
   */
  hostMbps: figure,
  /**
   * A pool's cold start, before any warm-up: from creating the pool to the first and to the last
   * result of a first burst of one task per thread. NaN for variants without a pool.
   */
  coldFirstMs: figure,
  coldBurstMs: figure,
  /** SHA-256 over every task's output of one batch; equal in every batch of the cell. */
  digest: z.string(),
});

/** Figures of one measured cell; times in ms unless the name says otherwise. */
export type Measurement = Readonly<z.infer<typeof measurementSchema>>;

/**
 * What a cell process sends: every figure but the throughput, which the parent derives from
 * `batchMs` (throughput.ts). Its interval needs a t-quantile, a library whose import alone would
 * add to the start of every one of a run's cell processes.
 */
export const batchMeasurementSchema = measurementSchema.omit({ throughput: true });
export type BatchMeasurement = Readonly<z.infer<typeof batchMeasurementSchema>>;

export const failureStatuses = ['failed', 'crashed', 'timeout', 'mismatch'] as const;
export type FailureStatus = (typeof failureStatuses)[number];
/** CSV `status`. */
export type CellStatus = 'ok' | 'n/a' | FailureStatus;

/** What became of a cell: a union on `status`, every member written as a row. */
export type CellOutcome =
  | { readonly status: 'ok'; readonly measurement: Measurement }
  | { readonly status: 'n/a'; readonly error: string }
  | { readonly status: FailureStatus; readonly error: string };
