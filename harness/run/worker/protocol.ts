// Wire types between the cell process's main thread and its workers, in one place.

/** An error as it crosses a thread or process boundary. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/**
 * What a worker is asked to do: a pooled worker's task, or a spawn-per-task worker's `workerData`.
 * `warm` loads the scenario and returns the worker's thread id without running the kernel.
 */
export type WorkerTask =
  | { readonly kind: 'warm'; readonly scenarioFile: string }
  | {
      readonly kind: 'run';
      readonly scenarioFile: string;
      /** The job; under the `shared` hand-off, a SharedJob saying where its bytes lie. */
      readonly job: unknown;
      /** Absent for `clone`: the output's buffers go back in the transfer list, or into shared memory. */
      readonly handoff?: 'transfer' | 'shared';
    };

/**
 * A worker's answer to a task: a warm task's thread id, or a run task's output, how long the
 * kernel ran inside the worker (ms, the worker's busy time) and when.
 */
export type TaskResult =
  | { readonly kind: 'warmed'; readonly threadId: number }
  | {
      readonly kind: 'ran';
      readonly output: unknown;
      readonly kernelMs: number;
      /**
       * When the kernel started and ended, as `performance.timeOrigin + performance.now()`: a clock
       * both threads read alike, so the main thread can split a task's latency into hand-off in,
       * kernel and hand-off out.
       */
      readonly startedAt: number;
      readonly endedAt: number;
    };

/**
 * The hand-rolled pool's own wire, as lean as the textbook pool's (a task's job and its output,
 * cloned): its workers get the scenario file once, in `workerData`, so a request is `'warm'` or
 * the job in a one-element array (with its hand-off second where not clone), and an answer is an
 * array, `[threadId]` for a warm request and `[output, kernelMs, startedAt, endedAt]` for a job,
 * or a failure.
 */
export type HandRolledRequest = 'warm' | readonly [job: unknown] | readonly [job: unknown, handoff: 'transfer' | 'shared'];
export type HandRolledAnswer =
  | readonly [threadId: number]
  | readonly [output: unknown, kernelMs: number, startedAt: number, endedAt: number]
  | { readonly ok: false; readonly error: SerializedError };

/** The one message a spawn-per-task worker posts back. */
export type SpawnWorkerMessage =
  | { readonly ok: true; readonly result: TaskResult }
  | { readonly ok: false; readonly error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    return error.stack === undefined
      ? { name: error.name, message: error.message }
      : { name: error.name, message: error.message, stack: error.stack };
  }
  return { name: 'Error', message: String(error) };
}

/** Main side: an error from a worker, rewrapped with its origin and the original as `cause`. */
export function reviveError(error: SerializedError, origin: string): Error {
  return new Error(`${origin}: ${error.name}: ${error.message}`, { cause: error });
}
