import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../test/report-cells.js';
import type { Figures } from './report-data.js';
import { judgeGroup } from './verdicts.js';

const cell = (variant: string, figures: Partial<Figures>) => summaryOf(variant, figures);

describe('judgeGroup', () => {
  it('never calls a cell responsive when blocked_main is true, whatever its event-loop p99 reads', () => {
    // A threadpool form that runs on the main thread: low p99, yet blocked by Doctor's rules.
    const fake = cell('libuv-async', { throughput: 300, eldP99Ms: 1.1, blockedMain: true });
    const pooled = cell('pooled', { throughput: 200 });
    const verdict = judgeGroup([fake, pooled]);
    expect(verdict.best).toBe(fake);
    expect(verdict.responsive).toBe(false);
    expect(verdict.bestResponsive).toBe(pooled);
  });

  it('calls the fastest cell responsive when its p99 is under 10 ms and it is not blocked', () => {
    const verdict = judgeGroup([cell('sync', { throughput: 50, eldP99Ms: 20, blockedMain: true }), cell('pooled', { throughput: 90 })]);
    expect(verdict.best?.variant).toBe('pooled');
    expect(verdict.responsive).toBe(true);
    expect(verdict.bestResponsive).toBeUndefined();
  });
});
