// One interface for the four variants: the measurement core drives any of them the same way.
import type { Handoff } from '../api/handoff.js';
import type { Pool } from '../api/pool.js';
import type { Params, Scenario } from '../api/scenario.js';

export interface RunnerContext {
  readonly scenario: Scenario<Params, unknown, unknown, unknown>;
  /** The cell's params: what sizes the shared hand-off's output region. */
  readonly params: Params;
  /** Compiled scenario module, for workers to import. */
  readonly scenarioFile: string;
  readonly threads: number;
  /** The pool a `pooled` runner runs on (default piscina); other variants have none. */
  readonly pool?: Pool;
  /** How a worker variant moves a task's data (default clone); the other variants move none. */
  readonly handoff?: Handoff;
  /**
   * The environment the variant's worker threads start with, instead of sharing this process's.
   * A worker re-reads NODE_OPTIONS only from an explicit env: Doctor mode uses that to keep its
   * sampler out of the workers.
   */
  readonly workerEnv?: Readonly<Record<string, string>>;
}

/** What a runner reports of each task as it completes. */
export interface TaskObserver {
  /** Submit → result on the main thread, ms. */
  latency(ms: number): void;
  /** How long the kernel ran inside a worker thread, ms (worker variants only). */
  workerKernel(ms: number): void;
  /**
   * A worker task's hand-off, ms (worker variants only): submit on the main thread → kernel start
   * in the worker, and kernel end → result back on the main thread.
   */
  handoff(inMs: number, outMs: number): void;
  /**
   * A lane's span in a batch, ms: from the batch's start to the lane's last result. The idle
   * tail after it (no job left for the lane) is not the workers' overhead, so it is left out.
   */
  laneSpan(ms: number): void;
}

export interface Runner {
  /** False where every task starts cold by design (a fresh isolate per task): no state to warm. */
  readonly warmsUp: boolean;
  /** Worker threads that run the kernel: 0 where it runs on the main thread or libuv's pool. */
  readonly workers: number;
  /**
   * Long-lived threads the main thread hands each task to (a pool's workers, libuv's threadpool):
   * where they ran beside it (thread-placement.ts) decides a short task's hand-off. 0 on the main
   * thread, and for workers that live one task.
   */
  readonly handsOffTo: number;
  /**
   * Starts and warms whatever the variant keeps between batches (a pool); not timed as a batch.
   * A pool reports its cold start on the way, running its first burst on `jobs`.
   */
  start(jobs: readonly unknown[]): Promise<ColdStart | undefined>;
  /**
   * Untimed, before each batch: the jobs as the next batch sends them (SendSide.prepare). The
   * same jobs where the variant hands nothing off, or clones.
   */
  prepare(jobs: readonly unknown[]): readonly unknown[];
  /** Runs every (prepared) job once and returns the outputs in job order, reporting each task to `observer`. */
  runBatch(jobs: readonly unknown[], observer: TaskObserver): Promise<unknown[]>;
  stop(): Promise<void>;
}

/** How long a fresh pool took to answer its first burst of one task per thread, from its creation. */
export interface ColdStart {
  readonly firstMs: number;
  readonly burstMs: number;
}

export type CreateRunner = (context: RunnerContext) => Runner;

/** For loads that time nothing per task (Doctor's steady load, a server's requests). */
export const ignoreTasks: TaskObserver = { latency: () => {}, workerKernel: () => {}, handoff: () => {}, laneSpan: () => {} };

/** A worker thread ended before it returned a result: the cell's status is `crashed`. */
export class WorkerExitError extends Error {
  override readonly name = 'WorkerExitError';
}
