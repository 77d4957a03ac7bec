// One face for every pool `pooled` can run on: hand it a task, get its result; destroy it.
import { WorkerExitError } from '../../measure/runner.js';
import type { TaskResult, WorkerTask } from '../worker/protocol.js';

export interface TaskPool {
  /** Runs a task; `transferList` moves its buffers through the library's own way of moving them. */
  run(task: WorkerTask, transferList?: readonly ArrayBuffer[]): Promise<TaskResult>;
  destroy(): Promise<void>;
}

/** How a pool is started: exactly `size` workers, all of them started with the pool. */
export interface PoolOptions {
  readonly size: number;
  /** The compiled scenario every task of this pool runs: a pool of our own hands it to its workers once. */
  readonly scenarioFile: string;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A library's error for a worker that died under a task, as the WorkerExitError that makes the
 * cell `crashed`; every other error passes through. Libraries say it only in their messages.
 */
export function crashedWhen(pool: string, sign: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof Error && error.message.includes(sign)) {
      throw new WorkerExitError(`${pool}: ${error.message.split('\n')[0]}`, { cause: error });
    }
    throw error;
  };
}
