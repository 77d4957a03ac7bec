// poolifier: a fixed pool of worker threads, with its default worker choice (least used).
import { fileURLToPath } from 'node:url';
import { FixedThreadPool } from 'poolifier';
import type { TaskResult, WorkerTask } from '../worker/protocol.js';
import type { PoolOptions, TaskPool } from './task-pool.js';

const entry = fileURLToPath(new URL('../worker/poolifier-entry.js', import.meta.url));

export function startPoolifier({ size, env }: PoolOptions): TaskPool {
  const pool = new FixedThreadPool<WorkerTask, TaskResult>(size, entry, env ? { env } : {});
  return {
    // poolifier 5 moves a task's buffers to its worker; its workers cannot move an answer's back
    // (ThreadWorker posts results without a transfer list), so those are cloned.
    run: (task, transferList) =>
      pool.execute(task, undefined, undefined, transferList).catch((rejection: unknown) => {
        throw asError(rejection);
      }),
    destroy: () => pool.destroy(),
  };
}

/** poolifier rejects with its own record of a failed task ({ name, message, error, … }), not an Error. */
function asError(rejection: unknown): Error {
  if (rejection instanceof Error) return rejection;
  const record = rejection as { readonly error?: unknown; readonly message?: unknown } | undefined;
  if (record?.error instanceof Error) return record.error;
  return new Error(typeof record?.message === 'string' ? record.message : `poolifier rejected a task with ${JSON.stringify(rejection)}`);
}
