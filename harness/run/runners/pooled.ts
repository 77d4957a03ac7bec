// `pooled`: a pool of exactly `threads` workers (piscina unless the cell names another), started
// and warmed before timing. How long the pool took to answer its first burst is measured on the way.
import { defaultPool } from '../../api/pool.js';
import { FailureAt } from '../../measure/failure.js';
import type { ColdStart, CreateRunner } from '../../measure/runner.js';
import { runnerLabel } from '../../plan/cell.js';
import { loadPool } from '../pools/index.js';
import type { TaskPool } from '../pools/task-pool.js';
import type { TaskResult, WorkerTask } from '../worker/protocol.js';
import { type Arrival, arrivalOf, runInFlight } from './in-flight.js';
import { sendSideFor, sharedOutputBytes } from './send-side.js';
import { warmEveryWorker } from './warm-pool.js';

const warmBursts = 20;
/**
 * How long a pool gets to shut down. workerpool 10's terminate() never resolves once its workers
 * have died under tasks; the cell has its result by then and must not hang on the pool's way out.
 */
const destroyGraceMs = 2000;

export const createPooledRunner: CreateRunner = ({
  scenario,
  params,
  scenarioFile,
  threads,
  workerEnv,
  pool: poolName = defaultPool,
  handoff = 'clone',
}) => {
  const label = runnerLabel({ variant: 'pooled', pool: poolName, handoff });
  const side = sendSideFor(handoff, scenarioFile, sharedOutputBytes(scenario, params), label);
  let pool: TaskPool | undefined;
  const run = (task: WorkerTask, transferList?: readonly ArrayBuffer[]): Promise<TaskResult> => {
    if (!pool) throw new Error('the pool was used before it started');
    return pool.run(task, transferList);
  };
  /** A prepared job through the pool, its output as the kernel returned it. */
  const runJob = async (job: unknown): Promise<Arrival> => {
    const task = side.task(job);
    const moved = side.transferList(task);
    const result = await run(task, moved);
    if (result.kind !== 'ran') return arrivalOf(result, performance.now());
    const { output, kernelMs, startedAt, endedAt } = result;
    return { output: side.received(task, output, moved), at: performance.now(), kernelMs, startedAt, endedAt };
  };
  return {
    warmsUp: true,
    workers: threads,
    handsOffTo: threads,
    async start(jobs) {
      // One job per thread, each prepared as a batch's are (a transfer must not send one job
      // twice), before the cold start's clock: a transfer's copies are not the pool's start-up.
      const burstJobs = jobs.length === 0 ? [] : Array.from({ length: Math.ceil(threads / jobs.length) }, () => side.prepare(jobs)).flat();
      // Imported before the clock, as a long-running program has its pool library loaded already.
      const startPool = await loadPool[poolName]();
      const created = performance.now();
      pool = startPool({ size: threads, scenarioFile, ...(workerEnv ? { env: workerEnv } : {}) });
      const coldStart =
        burstJobs.length === 0
          ? undefined
          : await firstBurst(
              label,
              created,
              Array.from({ length: threads }, (_, index) => () => runJob(burstJobs[index])),
            );
      await warmEveryWorker(
        threads,
        async () => {
          const result = await run({ kind: 'warm', scenarioFile });
          if (result.kind !== 'warmed') throw new Error(`a warm task came back as ${result.kind}`);
          return result.threadId;
        },
        warmBursts,
      );
      return coldStart;
    },
    prepare: (jobs) => side.prepare(jobs),
    runBatch: (jobs, observer) => runInFlight(jobs, threads, runJob, observer),
    stop: async () => {
      await destroyWithin(pool, destroyGraceMs);
    },
  };
};

/**
 * A cold pool's first burst, as a server that starts one and is hit at once sees it: from creating
 * the pool to the first and to the last result of one task per thread, all submitted together.
 * The workers load the scenario and run a cold kernel inside it; nothing was warmed before.
 */
async function firstBurst(label: string, created: number, burst: readonly (() => Promise<unknown>)[]): Promise<ColdStart> {
  let firstAt: number | undefined;
  await Promise.all(
    burst.map(async (task, index) => {
      try {
        await task();
      } catch (error) {
        throw new FailureAt(`${label}, cold start, task ${index}`, error);
      }
      firstAt ??= performance.now();
    }),
  );
  return { firstMs: (firstAt ?? Number.NaN) - created, burstMs: performance.now() - created };
}

/** Destroys a pool, or gives up after `ms` and leaves it to the process's end; true if it settled in time. */
export async function destroyWithin(pool: Pick<TaskPool, 'destroy'> | undefined, ms: number): Promise<boolean> {
  if (!pool) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([pool.destroy().then(() => true as const), late]);
  clearTimeout(timer);
  return settled;
}
