// `pooled`: a piscina pool of exactly `threads` workers, started and warmed before timing.
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { TaskResult, WorkerTask } from '../worker/protocol.js';
import { WorkerExitError, type CreateRunner } from './runner.js';
import { arrivalOf, runWindowed } from './window.js';

const poolEntry = fileURLToPath(new URL('../worker/pool-entry.js', import.meta.url));
const warmRounds = 5;

export const createPooledRunner: CreateRunner = ({ scenarioFile, threads, workerEnv }) => {
  const pool = new Piscina<WorkerTask, TaskResult>({ filename: poolEntry, minThreads: threads, maxThreads: threads, ...(workerEnv ? { env: workerEnv } : {}) });
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
    async start() {
      // piscina marks its first workers ready before they have loaded anything: one warm task
      // per thread, in one burst, makes every worker import the scenario before timing starts.
      const warmed = new Set<number>();
      for (let round = 0; round < warmRounds && warmed.size < threads; round++) {
        const results = await Promise.all(Array.from({ length: threads }, () => run({ kind: 'warm', scenarioFile })));
        for (const result of results) if (result.kind === 'warmed') warmed.add(result.threadId);
      }
    },
    runBatch: (jobs, observer) =>
      runWindowed(
        jobs,
        threads,
        async (job) => arrivalOf(await run({ kind: 'run', scenarioFile, job }), performance.now()),
        observer,
      ),
    stop: () => pool.destroy(),
  };
};

