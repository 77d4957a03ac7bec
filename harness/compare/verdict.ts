// Judges every cell present in base or head: a regression needs both a significant change after
// Holm's correction across the cells compared, and a change beyond the threshold.
import type { ResultSet, SideCell } from './result-set.js';
import { compareMeans, holmAdjust, significanceStars, type MeanComparison } from './statistics.js';

export type Verdict = 'regression' | 'improvement' | 'unchanged' | 'new' | 'missing' | 'failed';
/** What the verdict is judged on: throughput on one machine; speedup_vs_sync survives a change of machine. */
export type Metric = 'throughput' | 'speedup';

export interface CompareOptions {
  /** Smallest relative change that counts, e.g. 0.05. */
  readonly threshold: number;
  /** Family-wise error rate for Holm's correction. */
  readonly alpha: number;
  readonly metric: Metric;
}

export interface CellComparison {
  readonly id: string;
  readonly scenario: string;
  readonly variant: string;
  readonly threads: number;
  readonly verdict: Verdict;
  /** Why, where the verdict is not a measured judgement (new, missing, failed, not testable). */
  readonly note: string;
  readonly baseMean?: number;
  readonly headMean?: number;
  readonly comparison?: MeanComparison;
  readonly adjustedP?: number;
  readonly stars: string;
  readonly baseEfficiency?: number;
  readonly headEfficiency?: number;
  readonly baseEldP99Ms?: number;
  readonly headEldP99Ms?: number;
  /** True where head fails a cell that base measured: the check fails as for a regression. */
  readonly headBroke: boolean;
}

/** What one value of a test is: a round (a whole process, between-run noise included) or a batch. */
export type Unit = 'round' | 'batch';

export interface Comparison {
  readonly metric: Metric;
  /** Rounds where both sides have two or more of every cell tested; batches otherwise. */
  readonly unit: Unit;
  readonly options: CompareOptions;
  readonly cells: readonly CellComparison[];
  /** Cells tested, the k of the correction. */
  readonly tested: number;
  readonly baseMachine: string;
  readonly headMachine: string;
}

const minSamples = 2;

export function compareResultSets(base: ResultSet, head: ResultSet, options: CompareOptions): Comparison {
  const ids = [...new Set([...base.cells.keys(), ...head.cells.keys()])];
  // Batches inside one process share its moment of the host; only rounds show run-to-run noise.
  const roundsOf = (set: ResultSet) => Math.min(...[...set.cells.values()].filter((c) => c.status === 'ok').map((c) => c.roundThroughput.length));
  const unit: Unit = roundsOf(base) >= minSamples && roundsOf(head) >= minSamples ? 'round' : 'batch';
  const judged = ids.flatMap((id) => {
    const before = base.cells.get(id);
    const after = head.cells.get(id);
    return before?.status === 'n/a' && after?.status === 'n/a' ? [] : [judgeUntested(id, before, after, options.metric, unit)];
  });
  const tested = judged.filter((c) => c.comparison !== undefined);
  const adjusted = holmAdjust(tested.map((c) => c.comparison?.pValue ?? 1));
  const cells = judged.map((cell): CellComparison => {
    if (!cell.comparison) return cell;
    const adjustedP = adjusted[tested.indexOf(cell)] ?? 1;
    const { change } = cell.comparison;
    const significant = adjustedP < options.alpha && Math.abs(change) > options.threshold;
    const verdict: Verdict = !significant ? 'unchanged' : change < 0 ? 'regression' : 'improvement';
    return { ...cell, verdict, adjustedP, stars: significanceStars(adjustedP) };
  });
  return { metric: options.metric, unit, options, cells, tested: tested.length, baseMachine: base.machine, headMachine: head.machine };
}

/** Everything but the corrected p-value, which needs all cells. */
function judgeUntested(id: string, before: SideCell | undefined, after: SideCell | undefined, metric: Metric, unit: Unit): CellComparison {
  const some = (after ?? before) as SideCell;
  const common: Omit<CellComparison, 'verdict' | 'note'> = {
    id,
    scenario: some.scenario,
    variant: some.variant,
    threads: some.threads,
    stars: '',
    headBroke: false,
    ...(before?.efficiency !== undefined ? { baseEfficiency: before.efficiency } : {}),
    ...(after?.efficiency !== undefined ? { headEfficiency: after.efficiency } : {}),
    ...(before?.eldP99Ms !== undefined ? { baseEldP99Ms: before.eldP99Ms } : {}),
    ...(after?.eldP99Ms !== undefined ? { headEldP99Ms: after.eldP99Ms } : {}),
  };
  const samplesOf = (cell: SideCell | undefined): readonly number[] => {
    if (cell?.status !== 'ok') return [];
    if (unit === 'round') return metric === 'throughput' ? cell.roundThroughput : cell.roundSpeedup;
    return metric === 'throughput' ? cell.throughput : cell.speedup;
  };
  const baseSamples = samplesOf(before);
  const headSamples = samplesOf(after);
  if (baseSamples.length > 0) Object.assign(common, { baseMean: mean(baseSamples) });
  if (headSamples.length > 0) Object.assign(common, { headMean: mean(headSamples) });
  if (!before) return { ...common, verdict: 'new', note: 'only in head' };
  if (!after) return { ...common, verdict: 'missing', note: 'only in base' };
  if (before.status !== 'ok' || after.status !== 'ok') {
    const side = after.status !== 'ok' ? `head ${after.status}: ${after.error}` : `base ${before.status}: ${before.error}`;
    return { ...common, verdict: 'failed', note: side, headBroke: after.status !== 'ok' && before.status === 'ok' };
  }
  if (metric === 'speedup' && some.variant === 'sync') {
    return { ...common, verdict: 'unchanged', note: 'sync is the speedup reference (1 by definition)' };
  }
  if (baseSamples.length < minSamples || headSamples.length < minSamples) {
    return { ...common, verdict: 'failed', note: `too few samples to test (base ${baseSamples.length}, head ${headSamples.length})` };
  }
  return { ...common, verdict: 'unchanged', note: '', comparison: compareMeans(baseSamples, headSamples) };
}

/** A sum over a count: clearer than any library call. */
function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Exit 1 on a regression or on a cell head broke; 0 otherwise. */
export function failsCheck(comparison: Comparison): boolean {
  return comparison.cells.some((cell) => cell.verdict === 'regression' || cell.headBroke);
}
