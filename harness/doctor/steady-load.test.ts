import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { digestOutputs } from '../measure/digest.js';
import type { Runner } from '../measure/runner.js';
import { runSteadyLoad } from './steady-load.js';

/** A runner whose kernel doubles a number after 1 ms, or lies on its `lieOn`-th call. */
function fakeRunner(lieOn?: number): Runner & { inFlight: number; most: number } {
  let calls = 0;
  const runner = {
    warmsUp: true,
    workers: 0,
    handsOffTo: 0,
    inFlight: 0,
    most: 0,
    async start() {
      return undefined;
    },
    prepare: (jobs: readonly unknown[]) => jobs,
    async stop() {},
    async runBatch(jobs: readonly unknown[]) {
      runner.inFlight++;
      runner.most = Math.max(runner.most, runner.inFlight);
      await sleep(1);
      runner.inFlight--;
      calls++;
      return jobs.map((job) => (calls === lieOn ? -1 : Number(job) * 2));
    },
  };
  return runner;
}

describe('runSteadyLoad', () => {
  it('keeps `lanes` tasks in flight and digests the jobs as the bench cell does', async () => {
    const runner = fakeRunner();
    const jobs = [1, 2, 3];
    const result = await runSteadyLoad(runner, jobs, 2, 30);
    expect(runner.most).toBe(2);
    expect(result.tasks).toBeGreaterThan(jobs.length);
    expect(result.digest).toBe(digestOutputs([2, 4, 6]));
  });

  it('goes through every job once even when the time is up at once', async () => {
    const result = await runSteadyLoad(fakeRunner(), [1, 2, 3, 4, 5], 1, 0);
    expect(result.tasks).toBe(5);
    expect(result.digest).toBe(digestOutputs([2, 4, 6, 8, 10]));
  });

  it('lets every lane settle before it throws, and starts no task after the failure', async () => {
    let started = 0;
    let inFlight = 0;
    const runner: Runner = {
      warmsUp: true,
      workers: 0,
      handsOffTo: 0,
      async start() {},
      prepare: (jobs) => jobs,
      async stop() {},
      async runBatch(jobs) {
        const call = ++started;
        inFlight++;
        // Call 3 fails at once; the others take 20 ms, so two are still running when it does.
        await sleep(call === 3 ? 0 : 20);
        inFlight--;
        if (call === 3) throw new Error('kernel failed');
        return [...jobs];
      },
    };
    await expect(runSteadyLoad(runner, [1, 2, 3, 4], 3, 10_000)).rejects.toThrow('kernel failed');
    expect(inFlight).toBe(0);
    expect(started).toBe(3);
  });

  it('fails with a mismatch when a later run of a job differs from its first', async () => {
    await expect(runSteadyLoad(fakeRunner(4), [1, 2, 3], 1, 1000)).rejects.toThrow(/job 0 digested .* on a later run/);
  });
});
