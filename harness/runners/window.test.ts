import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runWindowed } from './window.js';

describe('runWindowed', () => {
  it('never has more than `width` tasks in flight and returns outputs in job order', async () => {
    let inFlight = 0;
    let most = 0;
    const latencies: number[] = [];
    const spans: number[] = [];
    const jobs = [5, 1, 4, 2, 3, 1, 2];
    const outputs = await runWindowed(
      jobs,
      3,
      async (job) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await sleep(Number(job));
        inFlight--;
        return { output: `done ${String(job)}`, at: performance.now() };
      },
      { latency: (ms) => latencies.push(ms), workerKernel: () => {}, laneSpan: (ms) => spans.push(ms) },
    );
    expect(most).toBe(3);
    expect(outputs).toEqual(jobs.map((job) => `done ${job}`));
    expect(latencies).toHaveLength(jobs.length);
    // One span per lane, together covering every job's sleep (18 ms in all).
    expect(spans).toHaveLength(3);
    expect(spans.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(18);
  });

  it('uses only as many lanes as there are jobs', async () => {
    let inFlight = 0;
    let most = 0;
    await runWindowed([1, 2], 8, async (job) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await sleep(1);
      inFlight--;
      return { output: job, at: performance.now() };
    }, { latency: () => {}, workerKernel: () => {}, laneSpan: () => {} });
    expect(most).toBe(2);
  });
});
