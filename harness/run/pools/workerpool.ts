// workerpool: the oldest of the pools (browser and Node), with worker threads asked for explicitly.
import { fileURLToPath } from 'node:url';
import workerpool from 'workerpool';
import type { TaskResult } from '../worker/protocol.js';
import { crashedWhen, type PoolOptions, type TaskPool } from './task-pool.js';

const entry = fileURLToPath(new URL('../worker/workerpool-entry.js', import.meta.url));

export function startWorkerpool({ size, env }: PoolOptions): TaskPool {
  const pool = workerpool.pool(entry, {
    minWorkers: size,
    maxWorkers: size,
    workerType: 'thread',
    ...(env ? { workerThreadOpts: { env } } : {}),
  });
  const crashed = crashedWhen('workerpool', 'Workerpool Worker terminated Unexpectedly');
  return {
    run: async (task, transferList) => {
      try {
        return (await pool.exec('run', [task], transferList && { transfer: [...transferList] })) as TaskResult;
      } catch (error) {
        return crashed(error);
      }
    },
    destroy: async () => {
      await pool.terminate();
    },
  };
}
