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
import { median } from '../measure/median.js';
import { tQuantile } from '../measure/t-quantile.js';
import { speedupOf } from '../measure/vs-sync.js';
import { runnerLabel } from '../plan/cell.js';
import type { RoundFigures, RoundRecord } from './round-record.js';

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
 * cell) read this factor below the run's usual speed, the median probe of all its rounds, or when
 * the slowest vCPU (vcpu_slowest_mbps) read this factor below the run's usual fastest vCPU. Where
 * the row says where the cell's threads ran (vcpu_cell_mbps: the vCPUs' speeds weighted by its CPU
 * time on each), that figure is the cell's own slowdown, and `slowedFactor` is the bar: a vCPU
 * 1.6× slow under half of a two-thread cell's time costs it 19%, which the coarser bar lets by.
 * Unlike the rule above, this one sees a cell that was slowed in every round, and a vCPU slowed
 * under the cell's other threads while its main thread ran at full speed.
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
 * How far one run's figure of a cell may sit from the next run's for reasons no round inside the
 * run can see, as a standard deviation in logs: a host state that lasts the whole run (a vCPU
 * partly taken, a neighbour's memory traffic) moves every round of it alike. Rounds estimate the
 * variation within a run; this is the run's own, added to it (Kalibera and Jones's random effect
 * of the higher level), so that an interval speaks for the next run too. What back-to-back runs
 * of unchanged code measure on a shared 2-vCPU host, between-run spreads of 1-2% for the steadiest
 * cells (`npm run bench:selftest -- --part calibration`, which prints the spread it saw).
 */
export const runToRunLogSd = 0.015;
/**
 * What waking a thread on the other vCPU costs a task over a switch on the main thread's own, ms:
 * the difference between a no-op pool's two placements (docs/methodology.md, "Thread placement",
 * and the evidence it cites). On a task of k ms, the placement the rounds did not see can move
 * the figure by 1 + this ÷ k, at most `placementEffectAtMost`.
 */
export const placementCostMs = 0.011;
/** The most the placement moved a hand-off: twice, on a no-op. */
export const placementEffectAtMost = 2;
/** Samples of a round at least this share on the main thread's vCPU read `same-cpu`; at most 1 − it, `apart`. */
export const sameCpuAtLeast = 2 / 3;
/** Rounds whose shares lie this far apart or more ran in different placements: `split`. */
export const placementSplitAtLeast = 0.5;
const normal975 = 1.959963984540054;
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
  /** The cell's first round: its run, parameters, pool version and machine, as measured or written. */
  readonly first: RoundRecord;
  /** `ok` only if every round measured the cell; otherwise the first other status and its error. */
  readonly status: string;
  readonly error: string;
  readonly rounds: number;
  /** Undefined where the status is not ok. */
  readonly figures?: Figures;
}

/**
 * What a summary carries of its rounds' own figures: medians over the rounds used (`blockedMain`:
 * the event-loop rule held in some round; cold start and hand-off NaN where the cell has none).
 */
type RoundMedians = Pick<
  RoundFigures,
  | 'latencyP50Ms'
  | 'latencyP99Ms'
  | 'eldP99Ms'
  | 'eldMaxMs'
  | 'elu'
  | 'blockedMain'
  | 'coldFirstMs'
  | 'coldBurstMs'
  | 'handoffInMs'
  | 'handoffOutMs'
>;

export interface Figures extends RoundMedians {
  /** Tasks per second: median over the rounds used of each round's median batch. */
  readonly throughput: number;
  /** 95% interval of that estimate, from the variation between the rounds used. */
  readonly throughputCiLow: number;
  readonly throughputCiHigh: number;
  readonly speedup?: number;
  readonly speedupCiLow?: number;
  readonly speedupCiHigh?: number;
  readonly efficiency?: number;
  /**
   * Where the threads a task was handed to ran beside the main thread, over the rounds used:
   * `same-cpu`, `apart` or `mixed` (some of each) alike in every round, `split` between rounds;
   * empty where nothing is handed off or not measured (thread-placement.ts).
   */
  readonly placement: Placement;
  /** The speedup is a short task's hand-off, which the placement decides (`placementDecides`): the cell is unstable. */
  readonly decidedByPlacement: boolean;
  /**
   * How far the placement the rounds did not see could move the figure, as a factor (1 where
   * nothing is handed off): what ranking widens a placement-decided interval by (ranking.ts).
   */
  readonly placementEffect: number;
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
   * kernel's cost depends on the thread it runs on), or its speedup is decided by thread placement
   * (`placementDecides`).
   */
  readonly unstable: boolean;
}

export type Placement = 'same-cpu' | 'apart' | 'mixed' | 'split' | '';

export interface Estimate {
  /** Log of the median throughput: the median of the logs. */
  readonly logMedian: number;
  /** Standard error of the log median, and its degrees of freedom (0 with one round). */
  readonly logSe: number;
  readonly df: number;
  /** The variation between runs that rounds cannot see (`runToRunLogSd`), in logs; 0 where none is added. */
  readonly runLogSd: number;
}

export function foldRounds(rounds: readonly RoundRecord[]): CellSummary[] {
  const byCell = new Map<string, RoundRecord[]>();
  for (const round of rounds) byCell.set(round.cell, [...(byCell.get(round.cell) ?? []), round]);
  const usual = (pick: (figures: RoundFigures) => number) =>
    median(rounds.flatMap((round) => (round.figures ? [pick(round.figures)] : [])).filter(Number.isFinite)) ?? Number.NaN;
  const usualSpeeds = { hostMbps: usual((f) => f.hostMbps), vcpuMbps: usual((f) => f.vcpuFastestMbps) };
  const folded = [...byCell.values()].map((cellRows) => foldCell(cellRows, usualSpeeds));
  const syncOf = new Map(folded.filter((c) => c.summary.variant === 'sync').map((c) => [groupOf(c.summary), c]));
  return folded.map(({ summary, estimate, usedRounds }) => {
    const sync = syncOf.get(groupOf(summary));
    if (!summary.figures || !estimate || !sync?.estimate || !sync.summary.figures || summary.variant === 'sync') {
      return summary.variant === 'sync' && summary.figures
        ? { ...summary, figures: { ...summary.figures, speedup: 1, speedupCiLow: 1, speedupCiHigh: 1, efficiency: 1, cpuVsSync: 1 } }
        : summary;
    }
    const cores = summary.first.machine.availableCores;
    const speedup = speedupEstimate(usedRounds, estimate, sync);
    const { value, low, high } = withInterval(speedup);
    const cpuVsSync = summary.figures.cpuMsPerTask / sync.summary.figures.cpuMsPerTask;
    // A task's time on the main thread, or the cell's own time per task where that is shorter (a
    // speedup above 1): the hand-off weighs against whichever is shorter.
    const taskMs = Math.min(1000 / sync.summary.figures.throughput, 1000 / summary.figures.throughput);
    const placementEffect = placementEffectOf(summary.figures.placement, taskMs);
    const decidedByPlacement = placementDecides(summary.figures.placement, placementEffect, { value, low, high });
    return {
      ...summary,
      figures: {
        ...summary.figures,
        speedup: value,
        speedupCiLow: low,
        speedupCiHigh: high,
        efficiency: value / Math.min(summary.threads, Number.isFinite(cores) && cores > 0 ? cores : summary.threads),
        cpuVsSync,
        decidedByPlacement,
        placementEffect,
        // Either interval wide: pairing narrows the speedup's, but a host state that lasts a whole
        // run can hold every round's speedup off the next run's, and a throughput that moved
        // between rounds is the sign of it. Less CPU per task than sync is the sign of a state that
        // moved no round against another: the two sides of the ratio ran at different speeds.
        unstable:
          summary.figures.unstable ||
          !(Math.exp(halfWidth(speedup)) - 1 <= unstableHalfWidth) ||
          speedup.df + 1 < leastRoundsForInterval ||
          cpuVsSync * slowedFactor < 1 ||
          decidedByPlacement,
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
    return syncThroughput === undefined ? [] : [speedupOf(throughput, syncThroughput)];
  });
  if (ratios.length >= 2) return medianEstimate(ratios, runToRunLogSd);
  const syncEstimate = sync.estimate ?? estimate;
  return {
    logMedian: estimate.logMedian - syncEstimate.logMedian,
    logSe: Math.hypot(estimate.logSe, syncEstimate.logSe),
    df: Math.min(estimate.df, syncEstimate.df),
    runLogSd: runToRunLogSd,
  };
}

interface FoldedCell {
  readonly summary: CellSummary;
  readonly estimate?: Estimate;
  /** Throughput of each round used (not set aside), by round number. */
  readonly usedRounds: ReadonlyMap<number, number>;
}

/** The run's usual speed: the median of its cells' main-thread probes, and of their fastest vCPU's. */
interface UsualSpeeds {
  readonly hostMbps: number;
  readonly vcpuMbps: number;
}

function foldCell(rounds: readonly RoundRecord[], usual: UsualSpeeds): FoldedCell {
  const [first] = rounds;
  if (first === undefined) throw new Error('a cell folds from one round at least');
  const failed = rounds.find((round) => round.status !== 'ok');
  const summary: CellSummary = {
    cell: first.cell,
    scenario: first.scenario,
    params: first.params.map(([name, value]) => `${name}=${value}`).join(', '),
    size: Number(first.params[0]?.[1]),
    variant: runnerLabel({ variant: first.variant, pool: first.pool || undefined, handoff: first.handoff || undefined }),
    pool: first.pool,
    handoff: first.handoff,
    poolDefaultSize: first.poolDefaultSize,
    threads: first.threads,
    first,
    status: failed?.status ?? 'ok',
    error: failed?.error ?? '',
    rounds: rounds.length,
  };
  const measured = rounds.flatMap(({ round, figures }) => (figures ? [{ round, ...figures }] : []));
  if (failed || measured.length === 0) return { summary, usedRounds: new Map() };
  const kernelBound = first.variant === 'sync' || isKernelBound(measured);
  const slowedMarks = slowedRounds(
    measured.map((m) => m.cpuMsPerTask),
    measured.map((m) => m.throughput),
    kernelBound ? { kernelBound, systemShares: measured.map((m) => m.systemShare) } : {},
  );
  // The cell's main thread probed slow around it, or the vCPUs its threads ran on: where the rows
  // say how its CPU time spread over them, those vCPUs weighted by it; in older rows, and where
  // nothing was sampled, any vCPU. A sync cell has no other thread: only its own probe speaks for it.
  const otherThreads = first.variant !== 'sync';
  const vcpuSlowed = (m: RoundFigures) =>
    Number.isFinite(m.vcpuCellMbps)
      ? m.vcpuCellMbps * slowedFactor < usual.vcpuMbps
      : m.vcpuSlowestMbps * hostSlowedFactor < usual.vcpuMbps;
  const hostMarks = measured.map((m) => m.hostMbps * hostSlowedFactor < usual.hostMbps || (otherThreads && vcpuSlowed(m)));
  const setAside = measured.filter((_, index) => slowedMarks[index] || hostMarks[index]);
  // Every round slowed, by one sign or the other: none is better to keep, so all are, and the cell is unsure.
  const hostSlowed = hostMarks.every(Boolean) || setAside.length === measured.length;
  const slowed = hostSlowed ? [] : setAside;
  const used = measured.filter((m) => !slowed.includes(m));
  const estimate = medianEstimate(
    used.map((m) => m.throughput),
    runToRunLogSd,
  );
  const { logMedian } = estimate;
  const half = halfWidth(estimate);
  const figure = (pick: (m: RoundFigures) => number) => median(used.map(pick).filter(Number.isFinite)) ?? Number.NaN;
  return {
    estimate,
    usedRounds: new Map(used.map((m) => [m.round, m.throughput])),
    summary: {
      ...summary,
      figures: {
        throughput: Math.exp(logMedian),
        throughputCiLow: Math.exp(logMedian - half),
        throughputCiHigh: Math.exp(logMedian + half),
        slowedRounds: slowed.map((m) => m.round),
        roundsUsed: used.length,
        hostSlowed,
        cpuMsPerTask: figure((m) => m.cpuMsPerTask),
        unstable: hostSlowed || !(Math.exp(half) - 1 <= unstableHalfWidth) || used.length < leastRoundsForInterval,
        latencyP50Ms: figure((m) => m.latencyP50Ms),
        latencyP99Ms: figure((m) => m.latencyP99Ms),
        eldP99Ms: figure((m) => m.eldP99Ms),
        eldMaxMs: figure((m) => m.eldMaxMs),
        elu: figure((m) => m.elu),
        blockedMain: measured.some((m) => m.blockedMain),
        coldFirstMs: figure((m) => m.coldFirstMs),
        coldBurstMs: figure((m) => m.coldBurstMs),
        handoffInMs: figure((m) => m.handoffInMs),
        handoffOutMs: figure((m) => m.handoffOutMs),
        placement: placementOf(used.map((m) => m.sameCpuShare)),
        decidedByPlacement: false,
        placementEffect: 1,
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
 * How much more of a round's extra CPU time (over its reference round's) must be the system's than
 * of the reference round's own CPU time, for the extra to be the kernel's own level rather than the
 * host's. Time the host takes stretches user and system time alike, so the extra is split as the
 * reference is. A kernel that allocates a large buffer a call runs, in some fresh processes, with
 * every buffer's pages faulted in afresh (glibc's mmap threshold moves or not, as the garbage
 * collector's first free of a large block falls): about half of its extra CPU is then the system's,
 * against almost none of the reference's (docs/methodology.md, "Rounds"). The bar is on the extra,
 * not on the round's share: a sub-millisecond cell's few milliseconds of system time move its share
 * by points from round to round.
 */
export const ownLevelSystemShareAbove = 0.25;

/**
 * Which rounds ran on a slowed core: CPU time per unit of work more than `slowedFactor` above the
 * reference round's and speed (higher is better) more than `slowedFactor` below it. The reference
 * is the second-best round (the best with fewer than three) on each mark separately. A round whose
 * extra CPU is more the system's than the reference's CPU by `ownLevelSystemShareAbove` is not
 * marked: a process level of the workload, which the rounds are there to sample, not to set aside.
 *
 * The rule assumes a kernel's CPU time per task is its own and only stolen time raises it. That
 * holds for CPU-bound work, not for a hand-off: on a no-op, a slower round spends more CPU per task
 * waking and waiting threads, so both marks move together in round after round. Unless the cell is
 * `kernelBound`, when more than `slowedShareAtMost` of the rounds carry both marks, they describe
 * the workload, not the host, and none is set aside: setting them aside kept a no-op cell's three
 * fastest rounds of eight. A kernel-bound cell's marks are the host's however many there are: in a
 * noisy hour the host slows more than a third of a run's cells.
 */
export function slowedRounds(
  cpuPerUnit: readonly number[],
  speeds: readonly number[],
  { kernelBound = false, systemShares = [] }: { readonly kernelBound?: boolean; readonly systemShares?: readonly number[] } = {},
): boolean[] {
  const reference = cpuPerUnit.length >= 3 ? 1 : 0;
  const byCpu = cpuPerUnit.map((_, index) => index).sort((a, b) => (cpuPerUnit[a] ?? 0) - (cpuPerUnit[b] ?? 0));
  const referenceRound = byCpu[reference] ?? 0;
  const referenceCpu = cpuPerUnit[referenceRound] ?? 0;
  const referenceSpeed = [...speeds].sort((a, b) => b - a)[reference] ?? 0;
  // NaN where a file predates the columns: no comparison holds, and every mark stands.
  const referenceShare = systemShares[referenceRound] ?? Number.NaN;
  const ownLevel = (index: number, cpu: number) => {
    const extraSystem = (systemShares[index] ?? Number.NaN) * cpu - referenceShare * referenceCpu;
    return extraSystem / (cpu - referenceCpu) > referenceShare + ownLevelSystemShareAbove;
  };
  const marks = cpuPerUnit.map(
    (cpu, index) => cpu > referenceCpu * slowedFactor && (speeds[index] ?? 0) * slowedFactor < referenceSpeed && !ownLevel(index, cpu),
  );
  const marked = marks.filter(Boolean).length;
  return !kernelBound && marked > slowedShareAtMost * marks.length ? marks.map(() => false) : marks;
}

/**
 * The median of positive figures, one per round, with what its 95% interval needs: Student's t on
 * the logs, with the median's standard error. What every folded figure with an interval uses.
 */
export function medianEstimate(values: readonly number[], runLogSd = 0): Estimate {
  const logs = values.map((value) => Math.log(value));
  const logMedian = median(logs) ?? Number.NaN;
  const logMean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
  const df = logs.length - 1;
  const logSd = df > 0 ? Math.sqrt(logs.reduce((sum, value) => sum + (value - logMean) ** 2, 0) / df) : Number.NaN;
  return { logMedian, logSe: (medianSeFactor * logSd) / Math.sqrt(logs.length), df, runLogSd };
}

/** The estimate as a figure and its 95% interval; an infinite interval from a single round. */
export function withInterval(estimate: Estimate): { readonly value: number; readonly low: number; readonly high: number } {
  const half = halfWidth(estimate);
  return { value: Math.exp(estimate.logMedian), low: Math.exp(estimate.logMedian - half), high: Math.exp(estimate.logMedian + half) };
}

/** Half-width of the 95% interval in logs, the rounds' and the run's variation together; infinite with a single round. */
function halfWidth({ logSe, df, runLogSd }: Estimate): number {
  return df > 0 ? Math.hypot(tQuantile(0.975, df) * logSe, normal975 * runLogSd) : Number.POSITIVE_INFINITY;
}

/** A variant spends its CPU in its kernel: its rounds' median CPU per task within `kernelBoundCpuVsSync` of its sync cell's. */
function isKernelBound(measured: readonly RoundFigures[]): boolean {
  const cpuVsSync = median(measured.map((m) => m.cpuVsSync).filter(Number.isFinite));
  return cpuVsSync !== undefined && cpuVsSync <= kernelBoundCpuVsSync;
}

/** The rounds' placement: `split` when their same-CPU shares lie far apart, else what their median share says. */
export function placementOf(sameCpuShares: readonly number[]): Placement {
  const measured = sameCpuShares.filter(Number.isFinite);
  const share = median(measured);
  if (share === undefined) return '';
  if (Math.max(...measured) - Math.min(...measured) >= placementSplitAtLeast) return 'split';
  return share >= sameCpuAtLeast ? 'same-cpu' : share <= 1 - sameCpuAtLeast ? 'apart' : 'mixed';
}

/** What the placement the rounds did not see could do to a task of `taskMs`, as a factor; 1 where nothing is handed off. */
export function placementEffectOf(placement: Placement, taskMs: number): number {
  if (placement === '' || !(taskMs > 0)) return 1;
  return Math.min(placementEffectAtMost, 1 + placementCostMs / taskMs);
}

/**
 * Thread placement decides a handed-off cell's speedup when what the other placement could do to
 * it (`effect`, placementEffectOf) is more than the interval allows: rounds split
 * between placements then disagree for that reason, and rounds that all shared one say nothing of
 * the other, which the next run may land in. A task long enough for a wake-up to be lost in it stands.
 */
export function placementDecides(
  placement: Placement,
  effect: number,
  { value, low, high }: { readonly value: number; readonly low: number; readonly high: number },
): boolean {
  if (effect === 1) return false;
  if (placement === 'split') return effect - 1 > unstableHalfWidth;
  return value * effect > high || value / effect < low;
}

function groupOf(summary: CellSummary): string {
  return `${summary.scenario}\u0000${summary.params}`;
}
