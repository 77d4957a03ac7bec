import { describe, expect, it } from 'vitest';
import { calmFigures, firstRound } from '../../test/report-cells.js';
import { compareHandoffs } from './handoffs.js';
import type { Figures, ReportCell } from './report-data.js';

function cell(handoff: string, size: number, throughput: number, halfWidth = 0.05): ReportCell {
  const figures: Figures = {
    ...calmFigures,
    throughput,
    throughputCiLow: throughput * (1 - halfWidth),
    throughputCiHigh: throughput * (1 + halfWidth),
  };
  const label = handoff === 'clone' ? 'pooled' : `pooled@${handoff}`;
  return {
    cell: `checksum/payload_kib=${size}/${label}/2`,
    scenario: 'checksum',
    params: `payload_kib=${size}`,
    size,
    variant: label,
    pool: 'piscina',
    handoff,
    poolDefaultSize: false,
    threads: 2,
    first: firstRound('pooled'),
    status: 'ok',
    error: '',
    rounds: 3,
    figures,
  };
}

describe('compareHandoffs', () => {
  it('says nothing where a run measured one hand-off', async () => {
    expect(await compareHandoffs([cell('clone', 1, 100), cell('clone', 64, 50)])).toBeUndefined();
  });

  it('finds the smallest payload at which an interval lies wholly above the others, not one that merely overlaps', async () => {
    const comparison = await compareHandoffs([
      // 1 KiB: all within each other's intervals.
      ...[cell('clone', 1, 100), cell('transfer', 1, 102), cell('shared', 1, 104)],
      // 64 KiB: transfer above clone; shared above clone but not above transfer.
      ...[cell('clone', 64, 50), cell('transfer', 64, 60), cell('shared', 64, 62)],
      // 1 MiB: shared above both.
      ...[cell('clone', 1024, 5), cell('transfer', 1024, 9), cell('shared', 1024, 12)],
    ]);
    expect(comparison?.crossovers).toEqual([
      { scenario: 'checksum', runner: 'pooled ×2', sizes: [1, 64, 1024], judged: true, transferBeatsClone: 64, sharedBeatsBoth: 1024 },
    ]);
    expect(comparison?.markdown).toContain('| checksum | pooled ×2 | 64 | 1024 | 1, 64, 1024 |');
    expect(comparison?.html).toContain('<section class="handoffs" data-scenario="checksum">');
  });

  it('says "none" where intervals never part, and that it cannot tell from a single round', async () => {
    const apart = await compareHandoffs([cell('clone', 1, 100), cell('transfer', 1, 101)]);
    expect(apart?.markdown).toContain('| checksum | pooled ×2 | none | none | 1 |');
    const oneRound = await compareHandoffs([
      cell('clone', 1, 100, Number.POSITIVE_INFINITY),
      cell('transfer', 1, 300, Number.POSITIVE_INFINITY),
    ]);
    expect(oneRound?.markdown).toContain('| checksum | pooled ×2 | no interval (one round) | no interval (one round) | 1 |');
  });
});
