import { describe, expect, it } from 'vitest';
import { judgeLoop } from './loop-verdict.js';

const calm = { eldP50Ms: 1.05, eldMaxMs: 4, eluP50: 0.05, gcMaxMsPerSecond: 3, workerBusyP50: Number.NaN };

describe('judgeLoop', () => {
  it('finds a calm main thread neither blocked nor under GC pressure', () => {
    expect(judgeLoop(calm)).toEqual({ blockedMain: false, gcPressure: false, workersSaturated: undefined });
  });

  it("applies Doctor's utilization rule to the workers, and only where there are workers", () => {
    expect(judgeLoop({ ...calm, workerBusyP50: 0.95 }).workersSaturated).toBe(true);
    expect(judgeLoop({ ...calm, workerBusyP50: 0.5 }).workersSaturated).toBe(false);
    expect(judgeLoop({ ...calm, workerBusyP50: 0.99 }).blockedMain).toBe(false);
  });

  it("blocks on Doctor's delay rules: median >= 10 ms or max >= 100 ms", () => {
    expect(judgeLoop({ ...calm, eldP50Ms: 10 }).blockedMain).toBe(true);
    expect(judgeLoop({ ...calm, eldP50Ms: 9.9 }).blockedMain).toBe(false);
    expect(judgeLoop({ ...calm, eldMaxMs: 100 }).blockedMain).toBe(true);
  });

  it('blocks on a saturated loop even when each block is short (utilization median >= 95%)', () => {
    expect(judgeLoop({ ...calm, eluP50: 0.95 }).blockedMain).toBe(true);
    expect(judgeLoop({ ...calm, eluP50: 0.94 }).blockedMain).toBe(false);
  });

  it('calls 100 ms of GC in one second pressure', () => {
    expect(judgeLoop({ ...calm, gcMaxMsPerSecond: 100 }).gcPressure).toBe(true);
  });
});
