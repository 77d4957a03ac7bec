// Runs one WorkerTask inside a worker: the part both worker entries share.
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { loadKernel } from './load-kernel.js';
import type { TaskResult, WorkerTask } from './protocol.js';

export async function runWorkerTask(task: WorkerTask): Promise<TaskResult> {
  const kernel = await loadKernel(task.scenarioFile);
  if (task.kind === 'warm') return { kind: 'warmed', threadId };
  // Timed here, inside the worker: what the thread spent on the kernel, without hand-off or queueing.
  const started = performance.now();
  const output = kernel.run(task.job);
  const ended = performance.now();
  const { timeOrigin } = performance;
  return { kind: 'ran', output, kernelMs: ended - started, startedAt: timeOrigin + started, endedAt: timeOrigin + ended };
}
