import { describe, expect, it } from 'vitest';
import { TaskRecords } from './task-records.js';

describe('TaskRecords', () => {
  it('keeps latency and hand-off from timed batches only', () => {
    const records = new TaskRecords();
    records.startBatch(false);
    records.latency(500);
    records.handoff(500, 500);
    records.endBatch();
    records.startBatch(true);
    for (const ms of [2, 2, 2, 4]) records.latency(ms);
    records.handoff(0.1, 0.3);
    records.handoff(0.2, 0.4);
    records.handoff(0.3, 0.5);
    records.endBatch();
    // After the batch ends, as a late arrival would.
    records.latency(500);
    const figures = records.figures();
    // The histogram keeps about three significant digits.
    expect(figures.latencyP50Ms).toBeCloseTo(2, 2);
    expect(figures.latencyP99Ms).toBeCloseTo(4, 2);
    expect(figures.handoffInP50Ms).toBe(0.2);
    expect(figures.handoffOutP50Ms).toBe(0.4);
  });

  it("sums a batch's kernel time and lane spans, timed or not, and starts each batch from zero", () => {
    const records = new TaskRecords();
    records.startBatch(false);
    records.workerKernel(3);
    records.workerKernel(4);
    records.laneSpan(10);
    expect([records.kernelMs, records.laneMs]).toEqual([7, 10]);
    records.startBatch(true);
    records.workerKernel(1);
    expect([records.kernelMs, records.laneMs]).toEqual([1, 0]);
  });

  it('reads NaN for hand-off when no timed batch recorded one', () => {
    const records = new TaskRecords();
    records.startBatch(false);
    records.handoff(1, 1);
    expect(records.figures().handoffInP50Ms).toBeNaN();
  });
});
