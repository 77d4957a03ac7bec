// The piscina worker of the `pooled` variant: runs the scenario's kernel, the same function `sync` runs.
import { threadId } from 'node:worker_threads';
import { loadKernel } from './load-kernel.js';
import type { PoolTask } from './protocol.js';

export default async function runPoolTask(task: PoolTask): Promise<unknown> {
  const kernel = await loadKernel(task.scenarioFile);
  return task.kind === 'warm' ? threadId : kernel.run(task.job);
}
