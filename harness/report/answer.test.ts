import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../test/report-cells.js';
import { formatAnswer } from './answer.js';
import type { Figures, ReportCell } from './report-data.js';

function cell(variant: string, threads: number, figures: Partial<Figures>, params = 'n=1'): ReportCell {
  return summaryOf(variant, figures, threads, params);
}

const sync = (figures: Partial<Figures> = {}, params?: string) =>
  cell('sync', 1, { speedup: 1, speedupCiLow: 1, speedupCiHigh: 1, ...figures }, params);

describe('formatAnswer', () => {
  it('names the fastest cell with its paired speedup, what the main thread pays and what it beats beyond noise', () => {
    const answer = formatAnswer([
      sync({ throughput: 100, eldP99Ms: 25, blockedMain: true }),
      cell('pooled', 2, { throughput: 190, speedup: 1.9, speedupCiLow: 1.8, speedupCiHigh: 2.0 }),
      cell('pooled', 1, { throughput: 95, speedup: 0.95, speedupCiLow: 0.9, speedupCiHigh: 1.0 }),
      // One round, 20x behind: out of contention whatever the noise.
      cell('spawn-per-task', 2, { throughput: 9, throughputCiHigh: Infinity, speedup: 0.09, unstable: true }),
    ]);
    expect(answer).toContain('s n=1  pooled × 2 1.90x [1.80-2.00] (event-loop p99 1.1 ms); beats sync, pooled × 1, spawn-per-task × 2');
    expect(answer).not.toContain('unsure');
  });

  it('says what the main thread pays when the fastest blocks it, and the fastest that does not', () => {
    const answer = formatAnswer([
      sync({ throughput: 100, eldP99Ms: 25, blockedMain: true }),
      cell('pooled', 2, { throughput: 60, speedup: 0.6, speedupCiLow: 0.55, speedupCiHigh: 0.65 }),
    ]);
    expect(answer).toContain(
      'sync (event-loop p99 25.0 ms, the main thread blocked); fastest that keeps the loop free: pooled × 2 0.60x [0.55-0.65]; beats pooled × 2',
    );
  });

  it('names the cells too unsure to rank against the fastest, and what would settle them', () => {
    const answer = formatAnswer([
      sync({ throughput: 100 }),
      cell('pooled', 2, { throughput: 150, speedup: 1.5, speedupCiLow: 1.2, speedupCiHigh: 1.9, unstable: true }),
      cell('libuv-async', 2, { throughput: 140, speedup: 1.4, speedupCiLow: 1.35, speedupCiHigh: 1.45 }),
    ]);
    expect(answer).toContain('beats sync');
    expect(answer).not.toMatch(/beats[^\n]*libuv-async/);
    expect(answer).toMatch(/beats sync; unsure: pooled × 2$/m);
    expect(answer).toContain('1 of 1 answers are unsure');
    expect(answer).toContain('The host slowed 0 of 9 measurements');
    expect(answer).toContain('--budget 10m');
  });

  it('gives one line per scenario and params', () => {
    const answer = formatAnswer([sync({}, 'n=1'), sync({}, 'n=2'), cell('pooled', 2, { throughput: 300, speedup: 3 }, 'n=2')]);
    expect(answer.split('\n').filter((line) => line.startsWith('  s n='))).toHaveLength(2);
  });
});

describe('formatAnswer after one round of each cell', () => {
  it('says once that every rank is tentative, instead of naming every cell unsure', () => {
    const one = { rounds: 1 } as const;
    const answer = formatAnswer([
      { ...sync({ throughput: 100, throughputCiHigh: Infinity, unstable: true }), ...one },
      { ...cell('pooled', 2, { throughput: 150, throughputCiHigh: Infinity, speedup: 1.5, unstable: true }), ...one },
    ]);
    expect(answer).toContain('One round each: no intervals, so every rank above is tentative');
    expect(answer).not.toContain('unsure');
  });

  it('says when thread placement, not time, decides an unsure cell, and only then', () => {
    const cells = (decidedByPlacement: boolean) => [
      sync({ throughput: 100 }),
      cell('pooled', 1, { throughput: 95, speedup: 0.95, speedupCiLow: 0.9, speedupCiHigh: 1.0, unstable: true, decidedByPlacement }),
    ];
    expect(formatAnswer(cells(true))).toMatch(
      /^ {2}1 of the unsure cells hand tasks short enough to other threads that where the scheduler placed those threads decides their speedup .*more time does not settle them/m,
    );
    expect(formatAnswer(cells(false))).not.toContain('placed those threads');
  });
});
