// Folds a run's rounds into one answer per cell: what the end-of-run table, the summary CSV and the
// report all show, so that they can never disagree.
//
// A round is one fresh process at one moment of the host. A shared host can take a core away for
// seconds at a time without the guest seeing it: CPU time still accrues, so a round that ran on a
// slowed core shows more CPU time per task, and less throughput, than the cell's other rounds. Such
// rounds are set aside (`slowedRounds`). The rest give the estimate, their median: a round that drew a bad schedule
// (two workers and the main thread on two cores) moves a mean but not a median. Its 95% interval is
// Student's t on the logs of the rounds, with the median's standard error. The speedup is paired:
// each round's ratio to its sync cell of the same round (seconds apart, so one moment of the host),
// then the median of those ratios, so that a host slower for a whole round moves both sides.
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { median } from '../measure/median.js';
import { cpuMsPerTaskOver } from '../measure/vs-sync.js';
import { runnerLabel } from '../plan/cell.js';
import type { CsvRecord } from './csv-read.js';

/**
 * A round ran on a slowed core when it shows both marks of stolen time: CPU time per task more than
 * this factor above the cell's reference, and throughput more than this factor below it. Either
 * alone is ordinary variation on I/O-bound or sub-millisecond cells. The reference is the
 * second-best round (the best with fewer than three): one lucky round must not make the others
 * look slowed, and up to all but two rounds may be slowed without fooling it.
 */
export const slowedFactor = 1.1;
/**
 * A round ran while the host was slow when its probe (host_mbps, the slower of the two around the
 * cell) read this factor below the run's usual speed, the median probe of all its rounds. Unlike
 * the rule above, this one sees a cell that was slowed in every round.
 */
export const hostSlowedFactor = 1.25;
/** An interval wider than ±10% cannot tell this run from the next: the cell's rounds disagree. */
export const unstableHalfWidth = 0.1;
/**
 * The fewest rounds (paired rounds, for a speedup) whose interval is stated as trustworthy. Two
 * can agree by chance to a fraction of a percent, and Student's t on one degree of freedom does not
 * make up for it when rounds share the host's state: such intervals missed the next runs' figure.
 */
export const leastRoundsForInterval = 3;
/**
 * The median's standard error over the mean's, for normal data: √(π/2). It widens the interval to
 * match the estimate, so that rounds which disagree still read `unstable`.
 */
const medianSeFactor = Math.sqrt(Math.PI / 2);

export interface CellSummary {
  readonly cell: string;
  readonly scenario: string;
  /** `iterations=1000`, or `iterations=1000, mode=a`. */
  readonly params: string;
  /** The first parameter's value as a number, for ordering task sizes; NaN for text. */
  readonly size: number;
  /** The variant, the pool where not piscina, the hand-off where not clone: `pooled:tinypool@transfer` (runnerLabel). */
  readonly variant: string;
  /** A `pooled` cell's pool (`piscina` …); empty for the other variants. */
  readonly pool: string;
  /** A worker cell's hand-off (`clone` …); empty for the other variants and for runs before hand-offs. */
  readonly handoff: string;
  /** The cell's thread count is its pool's own default size on the machine it ran on. */
  readonly poolDefaultSize: boolean;
  readonly threads: number;
  /** The CSV's key and machine columns of the cell's first round, as written (`param_*`, `git_commit`, …). */
  readonly columns: Readonly<Record<string, string>>;
  /** `ok` only if every round measured the cell; otherwise the first other status and its error. */
  readonly status: string;
  readonly error: string;
  readonly rounds: number;
  /** Undefined where the status is not ok. */
  readonly figures?: Figures;
}

export interface Figures {
  /** Tasks per second: median over the rounds used of each round's median batch. */
  readonly throughput: number;
  /** 95% interval of that estimate, from the variation between the rounds used. */
  readonly throughputCiLow: number;
  readonly throughputCiHigh: number;
  readonly speedup?: number;
  readonly speedupCiLow?: number;
  readonly speedupCiHigh?: number;
  readonly efficiency?: number;
  /** Rounds set aside because they ran on a slowed core, by round number. */
  readonly slowedRounds: readonly number[];
  /** Every round ran while the host probe read slow (`hostSlowedFactor`): none could be set aside, and the cell is unstable. */
  readonly hostSlowed: boolean;
  readonly roundsUsed: number;
  /** CPU time (all threads) per task, median over the rounds used. */
  readonly cpuMsPerTask: number;
  /** cpuMsPerTask ÷ the sync cell's: above 1, the variant spends more CPU on the same work. */
  readonly cpuVsSync?: number;
  /**
   * Do not trust one run of this cell: the throughput's or the speedup's interval is wider than
   * ±10%, fewer than `leastRoundsForInterval` rounds (paired rounds, for a speedup) were usable,
   * every round ran while the host was slow, or the variant spent less CPU per task than its sync
   * cell by more than `slowedFactor` (the same kernel cannot: one side ran on a slowed core, or the
   * kernel's cost depends on the thread it runs on).
   */
  readonly unstable: boolean;
  /** Medians over the rounds used. */
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly eldP99Ms: number;
  readonly eldMaxMs: number;
  readonly elu: number;
  /** Doctor's event-loop rule held in some round. */
  readonly blockedMain: boolean;
  /** A pool's cold start (first result, last of the first burst), medians over the rounds used; NaN without a pool. */
  readonly coldFirstMs: number;
  readonly coldBurstMs: number;
}

export interface Estimate {
  /** Log of the median throughput: the median of the logs. */
  readonly logMedian: number;
  /** Standard error of the log median, and its degrees of freedom (0 with one round). */
  readonly logSe: number;
  readonly df: number;
}

export function foldRounds(rows: readonly CsvRecord[]): CellSummary[] {
  const byCell = new Map<string, CsvRecord[]>();
  for (const row of rows) byCell.set(row['cell'] ?? '', [...(byCell.get(row['cell'] ?? '') ?? []), row]);
  const usualHostMbps =
    median(
      rows
        .filter((row) => row['status'] === 'ok')
        .map(hostMbpsOf)
        .filter(Number.isFinite),
    ) ?? Number.NaN;
  const folded = [...byCell.values()].map((cellRows) => foldCell(cellRows, usualHostMbps));
  const syncOf = new Map(folded.filter((c) => c.summary.variant === 'sync').map((c) => [groupOf(c.summary), c]));
  return folded.map(({ summary, estimate, usedRounds }) => {
    const sync = syncOf.get(groupOf(summary));
    if (!summary.figures || !estimate || !sync?.estimate || !sync.summary.figures || summary.variant === 'sync') {
      return summary.variant === 'sync' && summary.figures
        ? { ...summary, figures: { ...summary.figures, speedup: 1, speedupCiLow: 1, speedupCiHigh: 1, efficiency: 1, cpuVsSync: 1 } }
        : summary;
    }
    const cores = Number(byCell.get(summary.cell)?.[0]?.['available_cores']);
    const speedup = speedupEstimate(usedRounds, estimate, sync);
    const { value, low, high } = withInterval(speedup);
    const cpuVsSync = summary.figures.cpuMsPerTask / sync.summary.figures.cpuMsPerTask;
    return {
      ...summary,
      figures: {
        ...summary.figures,
        speedup: value,
        speedupCiLow: low,
        speedupCiHigh: high,
        efficiency: value / Math.min(summary.threads, Number.isFinite(cores) && cores > 0 ? cores : summary.threads),
        cpuVsSync,
        // Either interval wide: pairing narrows the speedup's, but a host state that lasts a whole
        // run can hold every round's speedup off the next run's, and a throughput that moved
        // between rounds is the sign of it. Less CPU per task than sync is the sign of a state that
        // moved no round against another: the two sides of the ratio ran at different speeds.
        unstable:
          summary.figures.unstable ||
          !(Math.exp(halfWidth(speedup)) - 1 <= unstableHalfWidth) ||
          speedup.df + 1 < leastRoundsForInterval ||
          cpuVsSync * slowedFactor < 1,
      },
    };
  });
}

/**
 * The speedup's estimate: paired where at least two rounds measured both the cell and its sync
 * cell (each unslowed), the median of those rounds' ratios; otherwise (rounds that do not pair, as
 * in files merged from runs) the ratio of the two medians, with both cells' variation.
 */
function speedupEstimate(usedRounds: ReadonlyMap<number, number>, estimate: Estimate, sync: FoldedCell): Estimate {
  const ratios = [...usedRounds].flatMap(([round, throughput]) => {
    const syncThroughput = sync.usedRounds.get(round);
    return syncThroughput === undefined ? [] : [throughput / syncThroughput];
  });
  if (ratios.length >= 2) return medianEstimate(ratios);
  const syncEstimate = sync.estimate ?? estimate;
  return {
    logMedian: estimate.logMedian - syncEstimate.logMedian,
    logSe: Math.hypot(estimate.logSe, syncEstimate.logSe),
    df: Math.min(estimate.df, syncEstimate.df),
  };
}

/** `pooled:tinypool@transfer` for a row of a pool other than piscina and a hand-off other than clone (plan/cell.ts runnerLabel). */
export function variantLabelOf(row: CsvRecord): string {
  return runnerLabel({ variant: row['variant'] ?? '', pool: row['pool'] || undefined, handoff: row['handoff'] || undefined });
}

/** A row's parameters, from its `param_<name>` columns, as name and value; empty columns left out. */
export function paramsOf(row: CsvRecord): (readonly [string, string])[] {
  return Object.entries(row)
    .filter(([column, value]) => column.startsWith('param_') && value !== '')
    .map(([column, value]) => [column.slice('param_'.length), value] as const);
}

interface FoldedCell {
  readonly summary: CellSummary;
  readonly estimate?: Estimate;
  /** Throughput of each round used (not set aside), by round number. */
  readonly usedRounds: ReadonlyMap<number, number>;
}

function foldCell(rows: readonly CsvRecord[], usualHostMbps: number): FoldedCell {
  const first = rows[0] ?? {};
  const params = paramsOf(first);
  const failed = rows.find((row) => row['status'] !== 'ok');
  const summary: CellSummary = {
    cell: first['cell'] ?? '',
    scenario: first['scenario'] ?? '',
    params: params.map(([name, value]) => `${name}=${value}`).join(', '),
    size: Number(params[0]?.[1]),
    variant: variantLabelOf(first),
    pool: first['pool'] ?? '',
    handoff: first['handoff'] ?? '',
    poolDefaultSize: first['pool_default_size'] === 'true',
    threads: Number(first['threads']),
    columns: first,
    status: failed?.['status'] ?? 'ok',
    error: failed?.['error'] ?? '',
    rounds: rows.length,
  };
  if (failed) return { summary, usedRounds: new Map() };
  const slowedMarks = slowedRounds(
    rows.map(cpuMsPerTaskOf),
    rows.map((row) => Number(row['throughput_median'])),
    isKernelBound(rows),
  );
  const hostMarks = rows.map((row) => hostMbpsOf(row) * hostSlowedFactor < usualHostMbps);
  const setAside = rows.filter((_, index) => slowedMarks[index] || hostMarks[index]);
  // Every round slowed, by one sign or the other: none is better to keep, so all are, and the cell is unsure.
  const hostSlowed = hostMarks.every(Boolean) || setAside.length === rows.length;
  const slowed = hostSlowed ? [] : setAside;
  const used = rows.filter((row) => !slowed.includes(row));
  const estimate = medianEstimate(used.map((row) => Number(row['throughput_median'])));
  const { logMedian } = estimate;
  const half = halfWidth(estimate);
  const figure = (column: string) => median(used.map((row) => Number(row[column]))) ?? Number.NaN;
  return {
    estimate,
    usedRounds: new Map(used.map((row) => [Number(row['round']), Number(row['throughput_median'])])),
    summary: {
      ...summary,
      figures: {
        throughput: Math.exp(logMedian),
        throughputCiLow: Math.exp(logMedian - half),
        throughputCiHigh: Math.exp(logMedian + half),
        slowedRounds: slowed.map((row) => Number(row['round'])),
        roundsUsed: used.length,
        hostSlowed,
        cpuMsPerTask: median(used.map(cpuMsPerTaskOf)) ?? Number.NaN,
        unstable: hostSlowed || !(Math.exp(half) - 1 <= unstableHalfWidth) || used.length < leastRoundsForInterval,
        latencyP50Ms: figure('latency_p50_ms'),
        latencyP99Ms: figure('latency_p99_ms'),
        eldP99Ms: figure('eld_p99_ms'),
        eldMaxMs: figure('eld_max_ms'),
        elu: figure('elu'),
        blockedMain: rows.some((row) => row['blocked_main'] === 'true'),
        coldFirstMs: figure('cold_first_ms'),
        coldBurstMs: figure('cold_burst_ms'),
      },
    },
  };
}

/**
 * The most rounds of a cell that the host's episodes can explain: a short measurement lands in one
 * about one time in eight on this kind of host, so a third is generous.
 */
export const slowedShareAtMost = 1 / 3;

/**
 * A cell whose CPU time per task is at most this many times its sync cell's spends its CPU in the
 * kernel: more CPU per task in one round than another is then time the host took, in any number
 * of rounds.
 */
export const kernelBoundCpuVsSync = 1.5;

/**
 * Which rounds ran on a slowed core: CPU time per unit of work more than `slowedFactor` above the
 * reference round's and speed (higher is better) more than `slowedFactor` below it. The reference
 * is the second-best round (the best with fewer than three) on each mark separately.
 *
 * The rule assumes a kernel's CPU time per task is its own and only stolen time raises it. That
 * holds for CPU-bound work, not for a hand-off: on a no-op, a slower round spends more CPU per task
 * waking and waiting threads, so both marks move together in round after round. Unless the cell is
 * `kernelBound`, when more than `slowedShareAtMost` of the rounds carry both marks, they describe
 * the workload, not the host, and none is set aside: setting them aside kept a no-op cell's three
 * fastest rounds of eight. A kernel-bound cell's marks are the host's however many there are: in a
 * noisy hour the host slows more than a third of a run's cells.
 */
export function slowedRounds(cpuPerUnit: readonly number[], speeds: readonly number[], kernelBound = false): boolean[] {
  const reference = cpuPerUnit.length >= 3 ? 1 : 0;
  const referenceCpu = [...cpuPerUnit].sort((a, b) => a - b)[reference] ?? 0;
  const referenceSpeed = [...speeds].sort((a, b) => b - a)[reference] ?? 0;
  const marks = cpuPerUnit.map((cpu, index) => cpu > referenceCpu * slowedFactor && (speeds[index] ?? 0) * slowedFactor < referenceSpeed);
  const marked = marks.filter(Boolean).length;
  return !kernelBound && marked > slowedShareAtMost * marks.length ? marks.map(() => false) : marks;
}

/**
 * The median of positive figures, one per round, with what its 95% interval needs: Student's t on
 * the logs, with the median's standard error. What every folded figure with an interval uses.
 */
export function medianEstimate(values: readonly number[]): Estimate {
  const logs = values.map((value) => Math.log(value));
  const logMedian = median(logs) ?? Number.NaN;
  const logMean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
  const df = logs.length - 1;
  const logSd = df > 0 ? Math.sqrt(logs.reduce((sum, value) => sum + (value - logMean) ** 2, 0) / df) : Number.NaN;
  return { logMedian, logSe: (medianSeFactor * logSd) / Math.sqrt(logs.length), df };
}

/** The estimate as a figure and its 95% interval; an infinite interval from a single round. */
export function withInterval(estimate: Estimate): { readonly value: number; readonly low: number; readonly high: number } {
  const half = halfWidth(estimate);
  return { value: Math.exp(estimate.logMedian), low: Math.exp(estimate.logMedian - half), high: Math.exp(estimate.logMedian + half) };
}

/** Half-width of the 95% interval in logs; infinite with a single round. */
function halfWidth({ logSe, df }: Estimate): number {
  return df > 0 ? tQuantile(0.975, df) * logSe : Number.POSITIVE_INFINITY;
}

/** The cell spends its CPU in its kernel: the sync cell itself, or its rounds' median CPU per task within `kernelBoundCpuVsSync` of sync's. */
function isKernelBound(rows: readonly CsvRecord[]): boolean {
  if (rows[0]?.['variant'] === 'sync') return true;
  const cpuVsSync = median(rows.map((row) => Number(row['cpu_vs_sync'] || Number.NaN)).filter(Number.isFinite));
  return cpuVsSync !== undefined && cpuVsSync <= kernelBoundCpuVsSync;
}

/** The round's host probe; NaN in a CSV from before the column, which no round is set aside for. */
function hostMbpsOf(row: CsvRecord): number {
  const given = row['host_mbps'];
  return given === undefined || given === '' ? Number.NaN : Number(given);
}

/** CPU time of every thread per measured task, from the round's own columns (computed for a CSV from before the column). */
export function cpuMsPerTaskOf(row: CsvRecord): number {
  const given = row['cpu_ms_per_task'];
  if (given !== undefined && given !== '') return Number(given);
  return cpuMsPerTaskOver(Number(row['cpu_user_ms']), Number(row['cpu_sys_ms']), Number(row['samples']), Number(row['tasks']));
}

function groupOf(summary: CellSummary): string {
  return `${summary.scenario}\u0000${summary.params}`;
}
