// One server cell under one load, in one round: what the server sweep hands to the CSV writer.
import type { Cell } from '../../plan/cell.js';
import type { ServerOutcome } from './run-server-cell.js';

export interface ServerRecord {
  readonly cell: Cell;
  /** The offered load in units of the sync cell's capacity: 1.5 offers half again what sync can serve. */
  readonly load: number;
  /** The sync cell's capacity (tasks/s, its measured throughput) that `load` multiplies. */
  readonly capacityRps: number;
  readonly round: number;
  readonly outcome: Exclude<ServerOutcome, { readonly status: 'canceled' }>;
  readonly finishedAt: Date;
}
