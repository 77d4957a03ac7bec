// Keeps `width` tasks in flight until the batch is done: each completion submits the next job.
// A closed loop, so latency is submit → result of a task that found a free thread, not queueing.

import type { TaskResult } from '../worker/protocol.js';
import type { TaskObserver } from './runner.js';

/** A task's output, the moment (performance.now()) it reached the main thread, and its time in a worker. */
export interface Arrival {
  readonly output: unknown;
  readonly at: number;
  readonly kernelMs?: number;
}

export async function runWindowed(
  jobs: readonly unknown[],
  width: number,
  submit: (job: unknown) => Promise<Arrival>,
  observer: TaskObserver,
): Promise<unknown[]> {
  const outputs: unknown[] = new Array(jobs.length);
  let next = 0;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const submitted = performance.now();
      const { output, at, kernelMs } = await submit(jobs[index]);
      outputs[index] = output;
      observer.latency(at - submitted);
      if (kernelMs !== undefined) observer.workerKernel(kernelMs);
    }
    observer.laneSpan(performance.now() - started);
  };
  const lanes = Math.min(width, jobs.length);
  await Promise.all(Array.from({ length: lanes }, lane));
  // Fewer jobs than lanes: the lanes that got none were idle for the whole batch.
  for (let idle = lanes; idle < width; idle++) observer.laneSpan(performance.now() - started);
  return outputs;
}

/** A worker's answer as an Arrival: a warm task's output is the worker's thread id. */
export function arrivalOf(result: TaskResult, at: number): Arrival {
  return result.kind === 'warmed' ? { output: result.threadId, at } : { output: result.output, at, kernelMs: result.kernelMs };
}
