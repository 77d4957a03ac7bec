// tinypool: piscina's fork, trimmed (Vitest runs its tests on it).
import { fileURLToPath } from 'node:url';
import { Tinypool } from 'tinypool';
import type { TaskResult } from '../worker/protocol.js';
import type { PoolOptions, TaskPool } from './task-pool.js';

const entry = fileURLToPath(new URL('../worker/tinypool-entry.js', import.meta.url));

export function startTinypool({ size, env }: PoolOptions): TaskPool {
  const pool = new Tinypool({ filename: entry, minThreads: size, maxThreads: size, ...(env ? { env } : {}) });
  return {
    run: (task, transferList) => pool.run(task, transferList && { transferList: [...transferList] }) as Promise<TaskResult>,
    destroy: () => pool.destroy(),
  };
}
