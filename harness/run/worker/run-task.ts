// Runs one WorkerTask inside a worker: the part both worker entries share.
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { loadedKernel, loadKernel } from './load-kernel.js';
import type { TaskResult, WorkerTask } from './protocol.js';

/**
 * Runs a task: synchronously once this worker has imported the scenario, through a promise only
 * for the import. An async function costs a no-op hand-off about a tenth of its rate on piscina
 * and tinypool (README, "Pools side by side"): the harness must not charge that to the pool.
 */
export function runWorkerTask(task: WorkerTask): TaskResult | Promise<TaskResult> {
  const kernel = loadedKernel(task.scenarioFile);
  if (kernel === undefined) return loadKernel(task.scenarioFile).then(() => runWorkerTask(task));
  if (task.kind === 'warm') return { kind: 'warmed', threadId };
  // Timed here, inside the worker: what the thread spent on the kernel, without hand-off or queueing.
  const started = performance.now();
  const output = kernel.run(task.job);
  const ended = performance.now();
  const { timeOrigin } = performance;
  return { kind: 'ran', output, kernelMs: ended - started, startedAt: timeOrigin + started, endedAt: timeOrigin + ended };
}
