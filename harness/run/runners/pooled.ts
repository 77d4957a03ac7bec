// `pooled`: a piscina pool of exactly `threads` workers, started and warmed before timing.
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { type CreateRunner, WorkerExitError } from '../../measure/runner.js';
import type { TaskResult, WorkerTask } from '../worker/protocol.js';
import { warmEveryWorker } from './warm-pool.js';
import { arrivalOf, runWindowed } from './window.js';

const poolEntry = fileURLToPath(new URL('../worker/pool-entry.js', import.meta.url));
const warmBursts = 20;

export const createPooledRunner: CreateRunner = ({ scenarioFile, threads, workerEnv }) => {
  const pool = new Piscina<WorkerTask, TaskResult>({
    filename: poolEntry,
    minThreads: threads,
    maxThreads: threads,
    ...(workerEnv ? { env: workerEnv } : {}),
  });
  const run = (task: WorkerTask): Promise<TaskResult> =>
    pool.run(task).catch((error: unknown) => {
      // piscina's only sign that a worker died under a task is this message.
      if (error instanceof Error && error.message.startsWith('worker exited with code')) {
        throw new WorkerExitError(`pooled ${error.message}`, { cause: error });
      }
      throw error;
    });
  return {
    warmsUp: true,
    workers: threads,
    start: () =>
      warmEveryWorker(
        threads,
        async () => {
          const result = await run({ kind: 'warm', scenarioFile });
          if (result.kind !== 'warmed') throw new Error(`a warm task came back as ${result.kind}`);
          return result.threadId;
        },
        warmBursts,
      ),
    runBatch: (jobs, observer) =>
      runWindowed(jobs, threads, async (job) => arrivalOf(await run({ kind: 'run', scenarioFile, job }), performance.now()), observer),
    stop: () => pool.destroy(),
  };
};
