// Keeps `width` tasks in flight until the batch is done: each completion submits the next job.
// A closed loop, so latency is submit → result of a task that found a free thread, not queueing.
import { FailureAt } from '../../measure/failure.js';
import type { TaskObserver } from '../../measure/runner.js';
import type { TaskResult } from '../worker/protocol.js';

/** A task's output, the moment (performance.now()) it reached the main thread, and its time in a worker. */
export interface Arrival {
  readonly output: unknown;
  readonly at: number;
  readonly kernelMs?: number;
  /** When the kernel started and ended in the worker, `performance.timeOrigin + performance.now()` there. */
  readonly startedAt?: number;
  readonly endedAt?: number;
}

/**
 * Runs `lanes` loops side by side, each doing the unit `take` hands it until `take` has none left.
 * Once a lane fails the others take nothing more, and every lane settles before this returns or
 * throws the first failure: the caller stops the pool and removes the scenario's fixture next,
 * which must not happen under a task still in flight. `onLaneDone` hears each lane that ran dry.
 */
export async function runLanes(
  lanes: number,
  take: () => number | undefined,
  work: (index: number) => Promise<void>,
  onLaneDone: () => void = () => {},
): Promise<void> {
  let failed = false;
  const lane = async (): Promise<void> => {
    for (let index = take(); index !== undefined; index = failed ? undefined : take()) await work(index);
    if (!failed) onLaneDone();
  };
  const settled = await Promise.allSettled(
    Array.from({ length: lanes }, () =>
      lane().catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}

export async function runInFlight(
  jobs: readonly unknown[],
  width: number,
  submit: (job: unknown) => Promise<Arrival>,
  observer: TaskObserver,
): Promise<unknown[]> {
  const outputs: unknown[] = new Array(jobs.length);
  let next = 0;
  const started = performance.now();
  const lanes = Math.min(width, jobs.length);
  await runLanes(
    lanes,
    () => (next < jobs.length ? next++ : undefined),
    async (index) => {
      const submitted = performance.now();
      let arrival: Arrival;
      try {
        arrival = await submit(jobs[index]);
      } catch (error) {
        throw new FailureAt(`task ${index}`, error);
      }
      outputs[index] = arrival.output;
      observer.latency(arrival.at - submitted);
      if (arrival.kernelMs !== undefined) observer.workerKernel(arrival.kernelMs);
      if (arrival.startedAt !== undefined && arrival.endedAt !== undefined) {
        const { timeOrigin } = performance;
        observer.handoff(arrival.startedAt - (timeOrigin + submitted), timeOrigin + arrival.at - arrival.endedAt);
      }
    },
    () => observer.laneSpan(performance.now() - started),
  );
  // Fewer jobs than lanes: the lanes that got none were idle for the whole batch.
  for (let idle = lanes; idle < width; idle++) observer.laneSpan(performance.now() - started);
  return outputs;
}

/** A worker's answer as an Arrival: a warm task's output is the worker's thread id. */
export function arrivalOf(result: TaskResult, at: number): Arrival {
  if (result.kind === 'warmed') return { output: result.threadId, at };
  const { output, kernelMs, startedAt, endedAt } = result;
  return { output, at, kernelMs, startedAt, endedAt };
}
