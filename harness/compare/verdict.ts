// Judges every cell present in base or head: a regression needs both a significant change after
// Holm's correction across the cells compared, and a change beyond the threshold.
import type { ResultSet, SideCell } from './result-set.js';
import { compareMeans, comparePaired, holmAdjust, type MeanComparison, minimumDetectableEffect, significanceStars } from './statistics.js';

export type Verdict = 'regression' | 'improvement' | 'unchanged' | 'inconclusive' | 'new' | 'missing' | 'failed';
/** What the verdict is judged on: throughput on one machine; speedup_vs_sync survives a change of machine. */
export type Metric = 'throughput' | 'speedup';

/**
 * The regression check's defaults, wherever two sides are judged (compare, the report's comparison
 * and its Node section): a change counts past 5%, with Holm's correction at 0.05 across cells; an
 * interleaved A/B runs 20 rounds (docs/guide/regression-gate.md, "Regression check: measured").
 */
export const gateDefaults = { threshold: 0.05, alpha: 0.05, abRounds: 20 } as const;

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
  /** head ÷ base − 1: the tested change, or the raw change of one run a side. */
  readonly change?: number;
  readonly adjustedP?: number;
  /**
   * The smallest change this cell's data could have seen (80% power at Holm's strictest step,
   * alpha ÷ cells tested); for one run a side, the single-run noise floor.
   */
  readonly mde?: number;
  readonly stars: string;
  readonly baseEfficiency?: number;
  readonly headEfficiency?: number;
  readonly baseEldP99Ms?: number;
  readonly headEldP99Ms?: number;
  /** True where head fails a cell that base measured: the check fails as for a regression. */
  readonly headBroke: boolean;
}

/**
 * What a comparison's values are: rounds measured back to back on both sides (`paired`: base round
 * i against head round i), rounds of separate runs (`round`: Welch), or one run a side (`single`:
 * no test, since batches inside one process share its moment of the host).
 */
export type Unit = 'paired' | 'round' | 'single';

/**
 * How far apart two single runs of unchanged code can come, as a factor: one run is one moment of
 * the host, and a moment can be several times slower than another (docs/guide/regression-gate.md,
 * "Regression check: measured"). Beyond it, even one run a side is evidence; within it, no verdict.
 */
export const singleRunNoiseFactor = 3;

export interface Comparison {
  readonly metric: Metric;
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
  const unit = unitOf(base, head);
  const judged = ids.flatMap((id) => {
    const before = base.cells.get(id);
    const after = head.cells.get(id);
    return before?.status === 'n/a' && after?.status === 'n/a' ? [] : [judgeUntested(id, before, after, options, unit)];
  });
  const tested = judged.filter((c) => c.comparison !== undefined);
  const adjusted = holmAdjust(tested.map((c) => c.comparison?.pValue ?? 1));
  const cells = judged.map((cell): CellComparison => {
    if (!cell.comparison) return cell;
    const adjustedP = adjusted[tested.indexOf(cell)] ?? 1;
    const { change } = cell.comparison;
    const significant = adjustedP < options.alpha && Math.abs(change) > options.threshold;
    const verdict: Verdict = !significant ? 'unchanged' : change < 0 ? 'regression' : 'improvement';
    const mde = minimumDetectableEffect(cell.comparison.spread, options.alpha / tested.length);
    return { ...cell, verdict, change, adjustedP, mde, stars: significanceStars(adjustedP) };
  });
  return { metric: options.metric, unit, options, cells, tested: tested.length, baseMachine: base.machine, headMachine: head.machine };
}

/** Batches inside one process share its moment of the host; only rounds show run-to-run noise. */
function unitOf(base: ResultSet, head: ResultSet): Unit {
  const measured = (set: ResultSet) => [...set.cells.values()].filter((c) => c.status === 'ok');
  const fewest = (set: ResultSet) => Math.min(...measured(set).map((c) => c.roundThroughput.length));
  if (fewest(base) < minSamples || fewest(head) < minSamples) return 'single';
  const paired = measured(head).every((cell) => {
    const other = base.cells.get(cell.id);
    return other?.status !== 'ok' || measuredBackToBack(other.roundTimes, cell.roundTimes);
  });
  return paired ? 'paired' : 'round';
}

/**
 * Whether round i of base and round i of head were measured next to each other, for every i: in
 * time order, the cell's measurements come in pairs of the same round (b1 h1 h2 b2 …), as the
 * interleaved A/B makes them. Two runs one after the other are not paired (b1 b2 … h1 h2 …).
 */
export function measuredBackToBack(baseTimes: readonly number[], headTimes: readonly number[]): boolean {
  if (baseTimes.length !== headTimes.length || baseTimes.some(Number.isNaN) || headTimes.some(Number.isNaN)) return false;
  const inOrder = [...baseTimes.map((at, round) => ({ at, round })), ...headTimes.map((at, round) => ({ at, round }))].sort(
    (a, b) => a.at - b.at,
  );
  for (let position = 0; position < inOrder.length; position += 2) {
    if (inOrder[position]?.round !== inOrder[position + 1]?.round) return false;
  }
  return true;
}

/** Everything but the corrected p-value, which needs all cells. */
function judgeUntested(
  id: string,
  before: SideCell | undefined,
  after: SideCell | undefined,
  options: CompareOptions,
  unit: Unit,
): CellComparison {
  const { metric } = options;
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
    return metric === 'throughput' ? cell.roundThroughput : cell.roundSpeedup;
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
  if (unit === 'single') return judgeSingle(common, baseSamples, headSamples, options);
  if (baseSamples.length < minSamples || headSamples.length < minSamples) {
    return { ...common, verdict: 'failed', note: `too few rounds to test (base ${baseSamples.length}, head ${headSamples.length})` };
  }
  const comparison = unit === 'paired' ? comparePaired(baseSamples, headSamples) : compareMeans(baseSamples, headSamples);
  return { ...common, verdict: 'unchanged', note: '', comparison };
}

/**
 * One run a side: no test, since the only variation inside a run is its batches', which share one
 * moment of the host. A change beyond the measured single-run noise floor still counts.
 */
function judgeSingle(
  common: Omit<CellComparison, 'verdict' | 'note'>,
  baseSamples: readonly number[],
  headSamples: readonly number[],
  options: CompareOptions,
): CellComparison {
  const ratio = mean(headSamples) / mean(baseSamples);
  const change = ratio - 1;
  const floor = `${singleRunNoiseFactor}×`;
  const mde = singleRunNoiseFactor - 1;
  if (Math.abs(Math.log(ratio)) <= Math.log(singleRunNoiseFactor) || Math.abs(change) <= options.threshold) {
    return {
      ...common,
      verdict: 'inconclusive',
      change,
      mde,
      note: `one run a side: within the single-run noise floor (${floor} apart); run --rounds 3 or more, or the interleaved A/B`,
    };
  }
  const verdict: Verdict = change < 0 ? 'regression' : 'improvement';
  return { ...common, verdict, change, mde, note: `one run a side, but more than the single-run noise floor (${floor}) apart` };
}

/** A sum over a count: clearer than any library call. */
function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Exit 1 on a regression or on a cell head broke; 0 otherwise. */
export function failsCheck(comparison: Comparison): boolean {
  return comparison.cells.some((cell) => cell.verdict === 'regression' || cell.headBroke);
}
