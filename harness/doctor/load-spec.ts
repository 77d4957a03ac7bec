// What passes between the Doctor child and the load process Doctor samples. Doctor starts that
// process with inherited stdio and no IPC, so the load's result comes back as a JSON file.
import type { FailureStatus, Variant } from '../cell.js';
import type { Params } from '../scenario.js';

export interface LoadSpec {
  readonly scenarioFile: string;
  readonly params: Params;
  readonly variant: Variant;
  readonly threads: number;
  /** Distinct jobs the load cycles through: the bench cell's batch, so the digests compare. */
  readonly tasks: number;
  /** How long the load runs: the window Doctor analyses. */
  readonly durationMs: number;
  readonly tmpDir: string;
  readonly resultFile: string;
}

export type LoadResult =
  | { readonly ok: true; readonly digest: string; readonly tasks: number; readonly loadMs: number }
  | { readonly ok: false; readonly status: FailureStatus; readonly error: string };

/** Exactly what @clinic/doctor 11 puts in front of NODE_OPTIONS for the process it samples. */
export const doctorNodeOptions = '-r no-cluster.js -r sampler.js --trace-events-enabled --trace-event-categories v8';
