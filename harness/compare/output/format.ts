// Shared wording of a comparison, for the terminal table and the Markdown alike.
import type { CellComparison, Comparison, Verdict } from '../verdict.js';

/** What a reader must see first: what broke, then what changed, then what could not be judged. */
const verdictOrder: readonly Verdict[] = ['regression', 'failed', 'improvement', 'inconclusive', 'missing', 'new', 'unchanged'];

/** The cells in verdict order (a stable sort: the comparison's own order within a verdict). */
export function byVerdict(cells: readonly CellComparison[]): CellComparison[] {
  return [...cells].sort((a, b) => verdictOrder.indexOf(a.verdict) - verdictOrder.indexOf(b.verdict));
}

export function metricUnit(comparison: Comparison): string {
  return comparison.metric === 'throughput' ? 'tasks/s' : 'speedup vs sync';
}

export function formatValue(value: number | undefined, comparison: Comparison): string {
  if (value === undefined) return '';
  if (comparison.metric === 'speedup') return `${value.toFixed(2)}x`;
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

export function formatPercent(value: number | undefined): string {
  return value === undefined ? '' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
}

export function formatChange(cell: CellComparison): string {
  return formatPercent(cell.change);
}

export function formatCi(cell: CellComparison): string {
  return cell.comparison ? `[${formatPercent(cell.comparison.ciLow)}, ${formatPercent(cell.comparison.ciHigh)}]` : '';
}

export function formatP(cell: CellComparison): string {
  return cell.adjustedP === undefined ? '' : `${cell.adjustedP < 0.0001 ? '<0.0001' : cell.adjustedP.toFixed(4)} ${cell.stars}`.trim();
}

/** Event-loop p99 base → head, with a mark where the main thread got clearly less responsive. */
export function formatEld(cell: CellComparison): string {
  if (cell.baseEldP99Ms === undefined || cell.headEldP99Ms === undefined) return '';
  const rose = cell.headEldP99Ms > cell.baseEldP99Ms * 1.5 && cell.headEldP99Ms - cell.baseEldP99Ms > 2;
  return `${cell.baseEldP99Ms.toFixed(1)} → ${cell.headEldP99Ms.toFixed(1)}${rose ? ' ↑' : ''}`;
}

export function formatEfficiency(cell: CellComparison): string {
  if (cell.baseEfficiency === undefined || cell.headEfficiency === undefined) return '';
  return `${cell.baseEfficiency.toFixed(2)} → ${cell.headEfficiency.toFixed(2)}`;
}

export function countVerdicts(comparison: Comparison): string {
  const counts = verdictOrder
    .map((verdict) => [verdict, comparison.cells.filter((c) => c.verdict === verdict).length] as const)
    .filter(([, count]) => count > 0)
    .map(([verdict, count]) => `${count} ${verdict}`);
  return counts.join(', ') || 'no cells in common';
}

/** The smallest change this cell's data could see, as ±x%. */
export function formatMde(cell: CellComparison): string {
  if (cell.mde === undefined) return '';
  return Number.isFinite(cell.mde) ? plusMinus(cell.mde) : 'none';
}

/** Past ±1000% a figure says only that the data could see nothing: `> ±1000%`, not `±5.6e+26%`. */
const mdeShownUpTo = 10;

function plusMinus(mde: number): string {
  return mde > mdeShownUpTo ? `> ±${mdeShownUpTo * 100}%` : `±${(mde * 100).toFixed(1)}%`;
}

/** What the run as a whole could see: the median over cells of the minimum detectable effect. */
export function sensitivityLine(comparison: Comparison): string {
  const mdes = comparison.cells
    .flatMap((cell) => (cell.mde !== undefined && Number.isFinite(cell.mde) ? [cell.mde] : []))
    .sort((a, b) => a - b);
  const middle = mdes[Math.floor(mdes.length / 2)];
  if (middle === undefined) return '';
  const widest = mdes.at(-1) ?? middle;
  return `This run could see changes beyond ${plusMinus(middle)} in a typical cell (${plusMinus(widest)} in its noisiest; per cell: "could see").`;
}

const tests: Record<Comparison['unit'], string> = {
  paired: 'a paired t-test on per-round log ratios, base and head measured back to back',
  round: "Welch's t-test on per-round values of separate runs",
  single:
    'no test: one run a side, and batches inside one process miss run-to-run noise, so only a change beyond the single-run noise floor counts; run --rounds 3 or more, or the interleaved A/B',
};

/** compare.R's footer, adapted: how many false positives to expect among k comparisons. */
export function falsePositiveFooter(comparison: Comparison): string {
  const { tested, options } = comparison;
  const measure = comparison.metric === 'throughput' ? 'throughput' : 'speedup vs sync';
  if (comparison.unit === 'single') return `${measure}: ${tests.single}.`;
  return (
    `${tested} cells tested (${tests[comparison.unit]}, on ${measure}). ` +
    `Uncorrected, about ${(tested * 0.05).toFixed(1)} of them would show * (p < 0.05) by chance alone; ` +
    `p-values here are Holm-corrected, so the chance of any false positive is at most ${options.alpha * 100}%, ` +
    `and a regression or improvement also needs a change beyond ±${(options.threshold * 100).toFixed(0)}%.`
  );
}

export function machinesLine(comparison: Comparison): string {
  return comparison.baseMachine === comparison.headMachine
    ? `machine: ${comparison.headMachine}; judged on ${metricUnit(comparison)}`
    : `base: ${comparison.baseMachine}; head: ${comparison.headMachine}; judged on ${metricUnit(comparison)}`;
}
