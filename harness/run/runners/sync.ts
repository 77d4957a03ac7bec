// `sync`: the kernel on the main thread, task after task; the event loop is blocked while it runs.
import { setImmediate } from 'node:timers/promises';
import { FailureAt } from '../../measure/failure.js';
import type { CreateRunner } from '../../measure/runner.js';

export const createSyncRunner: CreateRunner = ({ scenario }) => ({
  warmsUp: true,
  workers: 0,
  handsOffTo: 0,
  async start() {},
  prepare: (jobs) => jobs,
  async runBatch(jobs, observer) {
    const outputs: unknown[] = [];
    for (const [index, job] of jobs.entries()) {
      // One task per turn of the loop, as a server handles one request per tick: the
      // event-loop delay probe runs between tasks and so records every task's block.
      await setImmediate();
      const started = performance.now();
      try {
        outputs.push(scenario.run(job));
      } catch (error) {
        throw new FailureAt(`task ${index}`, error);
      }
      observer.latency(performance.now() - started);
    }
    return outputs;
  },
  async stop() {},
});
