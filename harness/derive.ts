// Figures derived from a cell and its group's sync cell, measured in the same run.
import type { Cell, Measurement } from './cell.js';

export interface Derived {
  /** Throughput ÷ the sync cell's throughput (same scenario and params). */
  readonly speedupVsSync?: number;
  /** Speedup ÷ min(threads, available cores): 1 is perfect use of the cores the cell could use. */
  readonly efficiency?: number;
}

export function deriveVsSync(cell: Cell, measurement: Measurement, sync: Measurement | undefined, cores: number): Derived {
  if (!sync) return {};
  const speedupVsSync = measurement.throughput.mean / sync.throughput.mean;
  return { speedupVsSync, efficiency: speedupVsSync / Math.min(cell.threads, cores) };
}
