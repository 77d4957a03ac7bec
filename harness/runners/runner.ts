// One interface for the four variants: the measurement core drives any of them the same way.
import type { Params, Scenario } from '../scenario.js';

export interface RunnerContext {
  readonly scenario: Scenario<Params, unknown, unknown, unknown>;
  /** Compiled scenario module, for workers to import. */
  readonly scenarioFile: string;
  readonly threads: number;
}

export interface Runner {
  /** False where every task starts cold by design (a fresh isolate per task): no state to warm. */
  readonly warmsUp: boolean;
  /** Starts and warms whatever the variant keeps between batches (a pool); not timed. */
  start(): Promise<void>;
  /** Runs every job once and returns the outputs in job order, reporting each task's submit → result time. */
  runBatch(jobs: readonly unknown[], recordLatency: (ms: number) => void): Promise<unknown[]>;
  stop(): Promise<void>;
}

export type CreateRunner = (context: RunnerContext) => Runner;

/** A worker thread ended before it returned a result: the cell's status is `crashed`. */
export class WorkerExitError extends Error {
  override readonly name = 'WorkerExitError';
}
