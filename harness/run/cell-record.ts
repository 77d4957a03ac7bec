// One finished cell of one round: what the sweep hands to whoever writes it down.

import type { CellOutcome } from '../measure/measurement.js';
import type { Derived } from '../measure/vs-sync.js';
import type { Cell } from '../plan/cell.js';
import type { VcpuSpeeds } from './vcpu-probes.js';

/** One finished cell, as the sweep hands it to the CSV writers. */
export interface CellRecord {
  readonly cell: Cell;
  /** 1-based round of `--rounds`: the same cell measured again, in a fresh process. */
  readonly round: number;
  readonly outcome: CellOutcome;
  readonly derived: Derived;
  /** The slowest and fastest vCPU around the cell (vcpu-probes.ts); absent where not probed. */
  readonly vcpuSpeeds?: VcpuSpeeds;
  /** The speed of the vCPUs the cell's threads ran on, weighted by its CPU time there (vcpu-probes.ts speedWhereItRan); absent where not probed. */
  readonly vcpuCellMbps?: number;
  readonly finishedAt: Date;
  /** Wall time of the cell's whole run in this round: its process from start to exit, and any reference run. */
  readonly wallMs: number;
}
