// Figures derived from a cell and its group's sync cell, measured in the same run.
import type { Cell } from '../plan/cell.js';
import type { Measurement } from './measurement.js';

export interface Derived {
  /**
   * Median throughput ÷ the sync cell's median throughput (same scenario and params). Medians,
   * because a shared host can change speed in the middle of a cell (docs/methodology.md, "Rounds"), and a
   * ratio of typical rates should not move with one shifted batch.
   */
  readonly speedupVsSync?: number;
  /** Speedup ÷ min(threads, available cores): 1 is perfect use of the cores the cell could use. */
  readonly efficiency?: number;
  /**
   * CPU time per task ÷ the sync cell's. On a CPU-bound kernel a variant's extra is its overhead;
   * a round that ran on a core the host slowed shows it too, since CPU time accrues while it waits.
   */
  readonly cpuVsSync?: number;
}

/** CPU time of every thread of the cell process per measured task. */
export function cpuMsPerTask(measurement: Measurement): number {
  return cpuMsPerTaskOver(measurement.cpuUserMs, measurement.cpuSystemMs, measurement.batchMs.length, measurement.tasks);
}

/** The same from its parts, as a CSV row records them (user and system CPU ms, batches, tasks a batch). */
export function cpuMsPerTaskOver(userMs: number, systemMs: number, batches: number, tasks: number): number {
  return (userMs + systemMs) / (batches * tasks);
}

/**
 * Speedup vs sync: a cell's throughput ÷ its sync cell's (same scenario and params), the two
 * measured in the same round, seconds apart. The one definition: per round here, across rounds as
 * the median of these (fold-rounds.ts), and round by round in a comparison (result-set.ts).
 */
export function speedupOf(throughput: number, syncThroughput: number): number {
  return throughput / syncThroughput;
}

export function deriveVsSync(cell: Cell, measurement: Measurement, sync: Measurement | undefined, cores: number): Derived {
  if (!sync) return {};
  const speedupVsSync = speedupOf(measurement.throughput.median, sync.throughput.median);
  return {
    speedupVsSync,
    efficiency: speedupVsSync / Math.min(cell.threads, cores),
    cpuVsSync: cpuMsPerTask(measurement) / cpuMsPerTask(sync),
  };
}
