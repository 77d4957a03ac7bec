// What passes between the harness, the Doctor child and the load process Doctor samples, in one
// place. Doctor starts the load with inherited stdio and no IPC, so its result comes back as a file.
import type { FailureStatus, Variant } from '../cell.js';
import type { Params } from '../scenario.js';
import type { DoctorDiagnosis } from './diagnosis.js';

/** What the Doctor child asks of the load process (argv, JSON). */
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

/** The load process's result file. */
export type LoadResult =
  | { readonly ok: true; readonly digest: string; readonly tasks: number; readonly loadMs: number }
  | { readonly ok: false; readonly status: FailureStatus; readonly error: string };

/** Exactly what @clinic/doctor 11 puts in front of NODE_OPTIONS for the process it samples. */
export const doctorNodeOptions = '-r no-cluster.js -r sampler.js --trace-events-enabled --trace-event-categories v8';

/** What the harness asks of the Doctor child (argv, JSON). */
export interface DoctorRequest {
  readonly load: LoadSpec;
  /** Where Doctor writes its `<pid>.clinic-doctor` data directory. */
  readonly dataDir: string;
  readonly htmlFile: string;
  /** Doctor's sampling interval, ms. */
  readonly sampleIntervalMs: number;
}

/** The Doctor child's one IPC message to the harness. */
export type DoctorReport =
  | { readonly kind: 'diagnosed'; readonly diagnosis: DoctorDiagnosis; readonly load: Extract<LoadResult, { ok: true }> }
  | { readonly kind: 'failed'; readonly status: Extract<LoadResult, { ok: false }>['status']; readonly error: string };
