// piscina: what `pooled` has always run on.
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { TaskResult, WorkerTask } from '../worker/protocol.js';
import { crashedWhen, type PoolOptions, type TaskPool } from './task-pool.js';

const entry = fileURLToPath(new URL('../worker/piscina-entry.js', import.meta.url));

export function startPiscina({ size, env }: PoolOptions): TaskPool {
  const pool = new Piscina<WorkerTask, TaskResult>({ filename: entry, minThreads: size, maxThreads: size, ...(env ? { env } : {}) });
  // Made once: the task path allocates nothing of its own that it can do without.
  const crashed = crashedWhen('piscina', 'worker exited with code');
  return {
    run: (task, transferList) => pool.run(task, transferList && { transferList: [...transferList] }).catch(crashed),
    destroy: () => pool.destroy(),
  };
}
