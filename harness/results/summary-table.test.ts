import { describe, expect, it } from 'vitest';
import { firstRound } from '../../test/report-cells.js';
import type { CellSummary, Figures } from './fold-rounds.js';
import { formatSummaryTable } from './summary-table.js';

const figures: Figures = {
  throughput: 80,
  throughputCiLow: 76,
  throughputCiHigh: 84,
  speedup: 1.9,
  speedupCiLow: 1.8,
  speedupCiHigh: 2,
  efficiency: 0.95,
  slowedRounds: [],
  hostSlowed: false,
  roundsUsed: 3,
  cpuMsPerTask: 26,
  cpuVsSync: 1.04,
  unstable: false,
  latencyP50Ms: 25,
  latencyP99Ms: 30,
  eldP99Ms: 2.5,
  eldMaxMs: 6,
  elu: 0.05,
  blockedMain: false,
  coldFirstMs: Number.NaN,
  coldBurstMs: Number.NaN,
  handoffInMs: Number.NaN,
  handoffOutMs: Number.NaN,
  placement: '',
  decidedByPlacement: false,
  placementEffect: 1,
};
const summary = (overrides: Partial<Figures> = {}): CellSummary => ({
  cell: 'pbkdf2/iterations=50000/pooled/2',
  scenario: 'pbkdf2',
  params: 'iterations=50000',
  size: 50000,
  variant: 'pooled',
  pool: 'piscina',
  handoff: '',
  poolDefaultSize: false,
  threads: 2,
  first: firstRound('pooled'),
  status: 'ok',
  error: '',
  rounds: 3,
  figures: { ...figures, ...overrides },
});

describe('formatSummaryTable', () => {
  it('prints the folded figures of a cell: throughput with its interval, speedup with its interval, CPU vs sync, rounds used', () => {
    const [header, row] = formatSummaryTable([summary()]).split('\n');
    expect(header).toMatch(
      /^scenario +params +variant +threads +status +tasks\/s +±95% +speedup +speedup 95% CI +effic\. +cpu vs sync +lat p50 ms +eld p99 ms +rounds$/,
    );
    expect(row).toMatch(/^pbkdf2 +iterations=50000 +pooled +2 +ok +80\.0 +5\.0% +1\.90x +1\.80-2\.00 +0\.95 +1\.04x +25\.00 +2\.5 +3\/3$/);
  });

  it('marks a cell whose rounds disagree, and names the rounds set aside as slowed', () => {
    const text = formatSummaryTable([summary({ unstable: true, throughputCiHigh: 100, slowedRounds: [2], roundsUsed: 2 })]);
    expect(text.split('\n')[1]).toMatch(/ 25\.0%! .* 2\/3 \(slowed: 2\)$/);
    expect(text).toMatch(/^! no usable interval, or one wider than ±10%/m);
    expect(text).toMatch(/^slowed: rounds set aside as run on a core the host took away/m);
  });

  it('flags more speedup than cores, and says what it usually means', () => {
    const text = formatSummaryTable([summary({ efficiency: 1.23 })]);
    expect(text).toContain('1.23?');
    expect(text).toMatch(/\? efficiency above 1\.05: more speedup than cores/);
    expect(formatSummaryTable([summary()])).not.toContain('?');
  });

  it('writes a failed cell as its status and error', () => {
    const failed: CellSummary = { ...summary(), status: 'timeout', error: 'cell did not finish within 3000 ms' };
    delete (failed as { figures?: Figures }).figures;
    expect(formatSummaryTable([failed]).split('\n')[1]).toMatch(
      /^pbkdf2 +iterations=50000 +pooled +2 +timeout +cell did not finish within 3000 ms$/,
    );
  });
});
