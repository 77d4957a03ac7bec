import { describe, expect, it } from 'vitest';
import type { Measurement } from '../cell.js';
import type { CellRecord } from './csv.js';
import { formatSummaryTable } from './table.js';

const measurement: Measurement = {
  tasks: 8, batchMs: [100], throughput: { mean: 80, ciLow: 76, ciHigh: 84, median: 80 },
  latencyP50Ms: 25, latencyP99Ms: 30, eldP50Ms: 1, eldP99Ms: 2.5, eldMaxMs: 6, elu: 0.05, eluP50: 0.05, workerBusyP50: Number.NaN, gcMaxMsPerSecond: 1,
  cpuUserMs: 200, cpuSystemMs: 5, measuredMs: 110, peakRssMb: 70, digest: 'ab',
};
const cell = { scenario: 'pbkdf2', scenarioFile: '/x.js', params: { iterations: 50000 }, variant: 'pooled', threads: 2 } as const;
const record = (efficiency: number): CellRecord => ({
  cell, round: 1, outcome: { status: 'ok', measurement }, derived: { speedupVsSync: efficiency * 2, efficiency }, finishedAt: new Date(0),
});

describe('formatSummaryTable', () => {
  it('prints the main figures of a cell, speedup against sync', () => {
    const [header, row] = formatSummaryTable([record(0.95)]).split('\n');
    expect(header).toMatch(/^scenario +params +variant +threads +status +mean tasks\/s +±95% +speedup\(med\) +effic\./);
    expect(row).toMatch(/^pbkdf2 +iterations=50000 +pooled +2 +ok +80\.0 +5\.0% +1\.90x +0\.95 +25\.00 +2\.5 +6\.0 +0\.05$/);
  });

  it('flags more speedup than cores, and says what it usually means', () => {
    const text = formatSummaryTable([record(1.23)]);
    expect(text).toContain('1.23?');
    expect(text).toMatch(/\? efficiency above 1\.05: more speedup than cores/);
    expect(formatSummaryTable([record(0.98)])).not.toContain('?');
  });

  it('writes a failed cell as its status and error', () => {
    const text = formatSummaryTable([{ cell, round: 1, outcome: { status: 'timeout', error: 'cell did not finish within 3000 ms' }, derived: {}, finishedAt: new Date(0) }]);
    expect(text.split('\n')[1]).toMatch(/^pbkdf2 +iterations=50000 +pooled +2 +timeout +cell did not finish within 3000 ms$/);
  });
});
