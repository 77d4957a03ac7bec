// The summary printed at the end of a run: every cell's rounds folded (fold-rounds.ts), the same
// figures the summary CSV and the report show.
import { type CellSummary, hostSlowedFactor } from './fold-rounds.js';
import { formatTextTable } from './text-table.js';

const headers = [
  'scenario',
  'params',
  'variant',
  'threads',
  'status',
  'tasks/s',
  '±95%',
  'speedup',
  'speedup 95% CI',
  'effic.',
  'cpu vs sync',
  'lat p50 ms',
  'eld p99 ms',
  'rounds',
];
const errorChars = 70;
const keyColumns = 5;
/** Above this, more speedup than cores: a sign the host's speed changed between the cells. */
const suspectEfficiency = 1.05;

export function formatSummaryTable(summaries: readonly CellSummary[]): string {
  const rows = summaries.map((summary) => {
    const key = [summary.scenario, summary.params.replaceAll(', ', ' '), summary.variant, String(summary.threads), summary.status];
    const f = summary.figures;
    if (!f) return [...key, summary.error.slice(0, errorChars)];
    const halfPercent = ((f.throughputCiHigh - f.throughput) / f.throughput) * 100;
    return [
      ...key,
      fixed(f.throughput, f.throughput < 100 ? 1 : 0),
      Number.isFinite(halfPercent) ? `${fixed(halfPercent, 1)}%${f.unstable ? '!' : ''}` : 'n/a!',
      f.speedup === undefined ? '' : `${fixed(f.speedup, 2)}x`,
      f.speedupCiLow === undefined || f.speedupCiHigh === undefined || !Number.isFinite(f.speedupCiHigh)
        ? ''
        : `${fixed(f.speedupCiLow, 2)}-${fixed(f.speedupCiHigh, 2)}`,
      f.efficiency === undefined ? '' : `${fixed(f.efficiency, 2)}${f.efficiency > suspectEfficiency ? '?' : ''}`,
      f.cpuVsSync === undefined ? '' : `${fixed(f.cpuVsSync, 2)}x`,
      fixed(f.latencyP50Ms, 2),
      fixed(f.eldP99Ms, 1),
      `${f.roundsUsed}/${summary.rounds}${f.slowedRounds.length > 0 ? ` (slowed: ${f.slowedRounds.join(' ')})` : ''}${f.hostSlowed ? ' (host slow)' : ''}`,
    ];
  });
  const table = formatTextTable(headers, rows, keyColumns);
  const figures = summaries.flatMap((s) => (s.figures ? [s.figures] : []));
  if (figures.some((f) => f.unstable)) {
    table.push(
      '! no usable interval, or one wider than ±10%: one round, or rounds that disagree. Another run may well differ; run more --rounds.',
    );
  }
  if (figures.some((f) => f.slowedRounds.length > 0)) {
    table.push(
      `slowed: rounds set aside as run on a core the host took away: more than 10% more CPU time per task and 10% less throughput than the cell's reference round, or a host probe around the cell ${hostSlowedFactor}x below the run's usual.`,
    );
  }
  if (figures.some((f) => f.hostSlowed)) {
    table.push("host slow: every round's host probe read slow, so none could be set aside; the cell is unstable.");
  }
  if (figures.some((f) => (f.efficiency ?? 0) > suspectEfficiency)) {
    table.push(
      `? efficiency above ${suspectEfficiency}: more speedup than cores. For CPU-bound work that usually means the ` +
        "machine's speed changed between this cell and its sync cell; rerun before trusting that ratio.",
    );
  }
  return table.join('\n');
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
