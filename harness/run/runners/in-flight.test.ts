import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runInFlight } from './in-flight.js';

/** Sleeps `ms` by performance.now(), which a timer alone may undershoot by a fraction of a millisecond. */
async function waitAtLeast(ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) await sleep(Math.max(1, until - performance.now()));
}

describe('runInFlight', () => {
  it('never has more than `width` tasks in flight and returns outputs in job order', async () => {
    let inFlight = 0;
    let most = 0;
    const latencies: number[] = [];
    const spans: number[] = [];
    const jobs = [5, 1, 4, 2, 3, 1, 2];
    const outputs = await runInFlight(
      jobs,
      3,
      async (job) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await waitAtLeast(Number(job));
        inFlight--;
        return { output: `done ${String(job)}`, at: performance.now() };
      },
      { latency: (ms) => latencies.push(ms), workerKernel: () => {}, handoff: () => {}, laneSpan: (ms) => spans.push(ms) },
    );
    expect(most).toBe(3);
    expect(outputs).toEqual(jobs.map((job) => `done ${job}`));
    expect(latencies).toHaveLength(jobs.length);
    // One span per lane, together covering every job's sleep (18 ms in all).
    expect(spans).toHaveLength(3);
    expect(spans.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(18);
  });

  it("ends each lane's span at its last result, and counts a lane without a job as idle throughout", async () => {
    const spans: number[] = [];
    const observer = { latency: () => {}, workerKernel: () => {}, handoff: () => {}, laneSpan: (ms: number) => spans.push(ms) };
    // Lane A sleeps 50 ms; lane B runs two 1 ms jobs and is done long before A: its tail is not its span.
    await runInFlight(
      [50, 1, 1],
      2,
      async (job) => {
        await waitAtLeast(Number(job));
        return { output: job, at: performance.now() };
      },
      observer,
    );
    const [shorter = 0, longer = 0] = [...spans].sort((a, b) => a - b);
    expect(longer).toBeGreaterThanOrEqual(50);
    expect(shorter).toBeLessThan(40);
    spans.length = 0;
    // Four lanes, one job: three lanes idle for the whole batch, each reported with the batch's span.
    await runInFlight([5], 4, async (job) => ({ output: job, at: performance.now() }), observer);
    expect(spans).toHaveLength(4);
  });

  it('uses only as many lanes as there are jobs', async () => {
    let inFlight = 0;
    let most = 0;
    await runInFlight(
      [1, 2],
      8,
      async (job) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await sleep(1);
        inFlight--;
        return { output: job, at: performance.now() };
      },
      { latency: () => {}, workerKernel: () => {}, handoff: () => {}, laneSpan: () => {} },
    );
    expect(most).toBe(2);
  });

  it('lets every lane settle before it throws, submits nothing after a failure, and names the task', async () => {
    let submitted = 0;
    let inFlight = 0;
    const batch = runInFlight(
      [0, 1, 2, 3, 4, 5, 6, 7],
      3,
      async (job) => {
        submitted++;
        inFlight++;
        // Job 2 fails at once; jobs 0 and 1 take 20 ms, so they are still in flight when it does.
        await waitAtLeast(job === 2 ? 0 : 20);
        inFlight--;
        if (job === 2) throw new RangeError('job 2 refused');
        return { output: job, at: performance.now() };
      },
      { latency: () => {}, workerKernel: () => {}, handoff: () => {}, laneSpan: () => {} },
    );
    await expect(batch).rejects.toThrow('task 2: RangeError: job 2 refused');
    expect(inFlight).toBe(0);
    expect(submitted).toBe(3);
  });

  it("splits a worker task's latency into hand-off in and out, from the kernel's start and end on a clock both threads share", async () => {
    const handoffs: [number, number][] = [];
    const { timeOrigin } = performance;
    await runInFlight(
      [1],
      1,
      async () => {
        // As a worker would report it: the kernel ran from 2 to 7 ms after now, the result arrived at 10.
        const now = performance.now();
        return { output: 1, at: now + 10, kernelMs: 5, startedAt: timeOrigin + now + 2, endedAt: timeOrigin + now + 7 };
      },
      { latency: () => {}, workerKernel: () => {}, laneSpan: () => {}, handoff: (inMs, outMs) => handoffs.push([inMs, outMs]) },
    );
    const [[inMs = Number.NaN, outMs = Number.NaN] = []] = handoffs;
    expect(outMs).toBeCloseTo(3, 6);
    // Submitted just before `now` was read: a hair over 2 ms in.
    expect(inMs).toBeGreaterThanOrEqual(2);
    expect(inMs).toBeLessThan(2.5);
  });
});
