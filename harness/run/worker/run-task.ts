// Runs one WorkerTask inside a worker: the part every worker entry shares.
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { transferListOf } from './buffers.js';
import { loadedKernel, loadKernel } from './load-kernel.js';
import type { TaskResult, WorkerTask } from './protocol.js';
import { jobOf, placeOutput, type SharedJob } from './shared-layout.js';

/**
 * Runs a task: synchronously once this worker has imported the scenario, through a promise only
 * for the import. An async function costs a no-op hand-off about a tenth of its rate on piscina
 * and tinypool (README, "Pools side by side"): the harness must not charge that to the pool.
 */
export function runWorkerTask(task: WorkerTask): TaskResult | Promise<TaskResult> {
  const kernel = loadedKernel(task.scenarioFile);
  if (kernel === undefined) return loadKernel(task.scenarioFile).then(() => runWorkerTask(task));
  if (task.kind === 'warm') return { kind: 'warmed', threadId };
  const shared = task.handoff === 'shared' ? (task.job as SharedJob) : undefined;
  // Views onto the shared bytes are made before the clock starts: the hand-off's work, not the kernel's.
  const job = shared ? jobOf(shared) : task.job;
  // Timed here, inside the worker: what the thread spent on the kernel, without hand-off or queueing.
  const started = performance.now();
  const output = kernel.run(job);
  const ended = performance.now();
  const { timeOrigin } = performance;
  return {
    kind: 'ran',
    // Writing the output's bytes into shared memory comes after the clock: it is the hand-off out.
    output: shared ? placeOutput(output, shared.out) : output,
    kernelMs: ended - started,
    startedAt: timeOrigin + started,
    endedAt: timeOrigin + ended,
  };
}

/** The buffers a `transfer` task's answer moves back: its output's; none for the other hand-offs. */
export function answerTransferList(task: WorkerTask, result: TaskResult): ArrayBuffer[] | undefined {
  return task.kind === 'run' && task.handoff === 'transfer' && result.kind === 'ran' ? transferListOf(result.output) : undefined;
}
