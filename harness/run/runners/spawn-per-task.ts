// `spawn-per-task`: a new Worker for every task, at most `threads` alive at once. The worker's
// start-up (thread, V8 isolate, module loading) is part of what this variant measures.
import { Worker } from 'node:worker_threads';
import { type CreateRunner, type RunnerContext, WorkerExitError } from '../../measure/runner.js';
import { reviveError, type SpawnWorkerMessage, type WorkerTask } from '../worker/protocol.js';
import { type Arrival, arrivalOf, runInFlight } from './in-flight.js';
import { sendSideFor, sharedOutputBytes } from './send-side.js';

const spawnEntry = new URL('../worker/spawn-entry.js', import.meta.url);

export const createSpawnPerTaskRunner: CreateRunner = ({ scenario, params, scenarioFile, threads, workerEnv, handoff = 'clone' }) => {
  const side = sendSideFor(handoff, scenarioFile, sharedOutputBytes(scenario, params), 'spawn-per-task');
  return {
    // Each task's kernel runs in a new isolate: it is always cold, and warming is not its to do.
    warmsUp: false,
    workers: threads,
    handsOffTo: 0,
    // Only the process's first Worker pays once-per-process set-up: one per lane, untimed.
    async start() {
      await Promise.all(Array.from({ length: threads }, () => runInFreshWorker({ kind: 'warm', scenarioFile }, undefined, workerEnv)));
    },
    prepare: (jobs) => side.prepare(jobs),
    runBatch: (jobs, observer) =>
      runInFlight(
        jobs,
        threads,
        async (job) => {
          const task = side.task(job);
          const moved = side.transferList(task);
          const arrival = await runInFreshWorker(task, moved, workerEnv);
          return { ...arrival, output: side.received(task, arrival.output, moved), at: performance.now() };
        },
        observer,
      ),
    async stop() {},
  };
};

function runInFreshWorker(
  workerData: WorkerTask,
  transferList: readonly ArrayBuffer[] | undefined,
  env: RunnerContext['workerEnv'],
): Promise<Arrival> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(spawnEntry, {
      workerData,
      ...(transferList ? { transferList: [...transferList] } : {}),
      ...(env ? { env } : {}),
    });
    let arrival: Arrival | undefined;
    let failure: Error | undefined;
    // One message, or two where a transfer's answer was copied instead of moved (spawn-entry.ts).
    worker.on('message', (message: SpawnWorkerMessage) => {
      if (message.ok) arrival = arrivalOf(message.result, performance.now());
      else failure = reviveError(message.error, 'kernel threw in a spawned worker');
    });
    worker.once('error', (error) => {
      failure = error;
    });
    // The slot frees only when the thread has ended, so no more than `threads` are ever alive.
    worker.once('exit', (code) => {
      if (failure) reject(failure);
      else if (arrival) resolve(arrival);
      else reject(new WorkerExitError(`spawned worker exited with code ${code} before returning a result`));
    });
  });
}
