import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../test/helpers.js';
import { allowedCpus } from './allowed-cpus.js';
import { type PlacementFigures, ThreadPlacement } from './thread-placement.js';

/**
 * A process that hands 400 short tasks, one at a time, to one worker thread and samples between
 * them as the batch loop does; prints the figures. Run under `taskset` to fix where it may run.
 */
const handOff = `
import { Worker } from 'node:worker_threads';
import { ThreadPlacement } from '${projectRoot}dist/harness/measure/thread-placement.js';
const kernel = "import { parentPort } from 'node:worker_threads'; parentPort.on('message', (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; parentPort.postMessage(s); });";
const worker = new Worker(new URL('data:text/javascript,' + encodeURIComponent(kernel)));
const ask = () => new Promise((resolve) => { worker.once('message', resolve); worker.postMessage(20000); });
await ask();
const placement = new ThreadPlacement(1);
placement.start();
for (let task = 0; task < 400; task++) { await ask(); placement.sample(); await new Promise((resolve) => setTimeout(resolve, task % 20 === 0 ? 6 : 0)); }
console.log(JSON.stringify(placement.close(400)));
await worker.terminate();
`;

const onLinux = process.platform === 'linux';

describe.runIf(onLinux)('ThreadPlacement', () => {
  // The last vCPU the process may use, not the first: a field misread as 0 would pass on vCPU 0.
  const lastCpu = Math.max(...allowedCpus());

  it('sees the worker on the main thread’s vCPU in every sample, and all CPU time there, when the process may use one vCPU only', async () => {
    const { stdout } = await execa('taskset', ['-c', String(lastCpu), process.execPath, '--input-type=module', '-e', handOff]);
    const figures = JSON.parse(stdout) as PlacementFigures;
    expect(figures.sameCpuShare).toBe(1);
    expect(figures.cpuShares).toEqual([[lastCpu, 1]]);
    // One vCPU: nowhere to migrate to. Every hand-off each way is at least a switch on it.
    expect(figures.migrationsPerTask).toBe(0);
    expect(figures.switchesPerTask).toBeGreaterThanOrEqual(1);
  });

  it('says nothing when it never started or measured no task', () => {
    const placement = new ThreadPlacement(1);
    placement.sample();
    expect(placement.close(10)).toEqual({
      sameCpuShare: Number.NaN,
      migrationsPerTask: Number.NaN,
      switchesPerTask: Number.NaN,
      cpuShares: [],
    });
    const started = new ThreadPlacement(1);
    started.start();
    expect(started.close(0).sameCpuShare).toBeNaN();
  });
});
