// Runs one WorkerTask inside a worker: the part both worker entries share.
import { threadId } from 'node:worker_threads';
import { loadKernel } from './load-kernel.js';
import type { WorkerTask } from './protocol.js';

export async function runWorkerTask(task: WorkerTask): Promise<unknown> {
  const kernel = await loadKernel(task.scenarioFile);
  return task.kind === 'warm' ? threadId : kernel.run(task.job);
}
