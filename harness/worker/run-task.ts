// Runs one WorkerTask inside a worker: the part both worker entries share.
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { loadKernel } from './load-kernel.js';
import type { KernelResult, WorkerTask } from './protocol.js';

/** A warm task answers with the worker's thread id; a run task with the kernel's output and time. */
export async function runWorkerTask(task: WorkerTask): Promise<KernelResult | number> {
  const kernel = await loadKernel(task.scenarioFile);
  if (task.kind === 'warm') return threadId;
  // Timed here, inside the worker: what the thread spent on the kernel, without hand-off or queueing.
  const started = performance.now();
  const output = kernel.run(task.job);
  return { output, kernelMs: performance.now() - started };
}
