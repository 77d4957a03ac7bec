import { describe, expect, it } from 'vitest';
import { throughputOf } from './throughput.js';

describe('throughputOf', () => {
  it('turns batch times into task rates: mean, median and a Student-t 95% interval', () => {
    // 8 tasks in 10, 20 and 40 ms: 800, 400 and 200 tasks/s.
    const throughput = throughputOf([10, 20, 40], 8);
    expect(throughput.mean).toBeCloseTo(1400 / 3, 6);
    expect(throughput.median).toBe(400);
    // sd of (800, 400, 200) = 305.505…, t(0.975, 2) = 4.3027: half-width 758.9.
    expect(throughput.ciHigh - throughput.mean).toBeCloseTo(758.9, 0);
    expect(throughput.mean - throughput.ciLow).toBeCloseTo(758.9, 0);
  });

  it('has no interval from one batch', () => {
    const throughput = throughputOf([10], 4);
    expect(throughput.median).toBe(400);
    expect(throughput.ciLow).toBeNaN();
  });
});
