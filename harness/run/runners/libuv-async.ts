// `libuv-async`: the scenario's threadpool form, `threads` tasks in flight. The pool's size comes
// from UV_THREADPOOL_SIZE, which the parent sets in this process's environment before it starts.
import type { CreateRunner } from '../../measure/runner.js';
import { runInFlight } from './in-flight.js';

export const createLibuvAsyncRunner: CreateRunner = ({ scenario, threads }) => {
  const { runAsync } = scenario;
  if (runAsync === undefined) {
    throw new Error(`scenario ${scenario.name} has no threadpool form: ${scenario.noThreadpoolForm}`);
  }
  return {
    warmsUp: true,
    workers: 0,
    handsOffTo: threads,
    async start() {},
    prepare: (jobs) => jobs,
    runBatch: (jobs, observer) =>
      runInFlight(jobs, threads, async (job) => ({ output: await runAsync.call(scenario, job), at: performance.now() }), observer),
    async stop() {},
  };
};
