// The answers a reader comes for: per scenario and params, which variant and how many threads;
// per scenario, from which task size a worker pays off and whether spawning ever catches pooling.
import { variantOfLabel } from '../plan/cell.js';
import { fastestOf, isBeatenBy } from '../results/ranking.js';
import type { Figures, ReportCell } from './report-data.js';

/** Event-loop p99 below this counts as a responsive main thread (a frame at 100 Hz). */
export const responsiveBoundMs = 10;

/**
 * Responsive: event-loop p99 under the bound, and not blocked by Doctor's rules (`blocked_main`),
 * which read the same loop-gap probe's median and maximum and the loop's utilization.
 */
export function isResponsive(figures: Figures): boolean {
  return !figures.blockedMain && figures.eldP99Ms < responsiveBoundMs;
}

const workerVariants = new Set(['spawn-per-task', 'pooled']);

export interface GroupVerdict {
  readonly scenario: string;
  readonly params: string;
  /** The measured cell with the highest paired speedup (sync's is 1; throughput without a sync cell). */
  readonly best?: ReportCell;
  /** It kept the main thread responsive (`isResponsive`). */
  readonly responsive?: boolean;
  /** The fastest cell that also kept the main thread responsive, where the fastest did not. */
  readonly bestResponsive?: ReportCell;
  /**
   * Cells not behind the best beyond noise (ranking.ts: their paired speedup's interval reaches the
   * best's): another run may rank them first. Empty when the best stands apart, or has no interval.
   */
  readonly tiedWith: readonly ReportCell[];
}

/** The fastest measured cell (results/ranking.ts: by paired speedup), or none. */
function fastestCell(cells: readonly ReportCell[]): ReportCell | undefined {
  return fastestOf(cells);
}

export function judgeGroup(group: readonly ReportCell[]): GroupVerdict {
  const first = group[0];
  const measured = group.filter((cell) => cell.figures !== undefined);
  const best = fastestCell(measured);
  const responsive = best?.figures ? isResponsive(best.figures) : undefined;
  const bestResponsive =
    responsive === false ? fastestCell(measured.filter((c) => c.figures !== undefined && isResponsive(c.figures))) : undefined;
  // The answer's test (ranking.ts): not behind the best beyond noise, by paired speedups.
  const tiedWith =
    best?.figures && Number.isFinite(best.figures.throughputCiHigh)
      ? measured.filter((cell) => cell !== best && !isBeatenBy(cell, best))
      : [];
  return {
    scenario: first?.scenario ?? '',
    params: first?.params ?? '',
    tiedWith,
    ...(best ? { best } : {}),
    ...(responsive !== undefined ? { responsive } : {}),
    ...(bestResponsive ? { bestResponsive } : {}),
  };
}

export interface Crossovers {
  readonly scenario: string;
  /** Where a worker variant first beats sync, in increasing task size, or why it never does. */
  readonly workerBeatsSync: string;
  /** Where spawn-per-task first matches pooled, or how far behind it stays. */
  readonly spawnCatchesPool: string;
}

/**
 * `groups` of one scenario, in increasing task size. "Beats" means the 95% confidence intervals
 * of the two throughputs do not overlap: a 0.4% edge is not a crossover. "Matches" means they do.
 */
export function findCrossovers(groups: readonly (readonly ReportCell[])[]): Crossovers {
  const scenario = groups[0]?.[0]?.scenario ?? '';
  const fastest = (group: readonly ReportCell[], test: (variant: string) => boolean) =>
    fastestCell(group.filter((c) => test(variantOfLabel(c.variant))))?.figures;
  const ratios = groups.map((group) => {
    const sync = fastest(group, (v) => v === 'sync');
    const worker = fastest(group, (v) => workerVariants.has(v));
    const pooled = fastest(group, (v) => v === 'pooled');
    const spawn = fastest(group, (v) => v === 'spawn-per-task');
    return {
      params: group[0]?.params ?? '',
      workerVsSync: sync && worker ? worker.throughput / sync.throughput : Number.NaN,
      workerBeatsSync:
        sync !== undefined &&
        group.some((c) => workerVariants.has(variantOfLabel(c.variant)) && (c.figures?.throughputCiLow ?? 0) > sync.throughputCiHigh),
      spawnVsPool: pooled && spawn ? spawn.throughput / pooled.throughput : Number.NaN,
      spawnMatchesPool: pooled !== undefined && spawn !== undefined && spawn.throughputCiHigh >= pooled.throughputCiLow,
    };
  });
  const firstWorkerWin = ratios.find((r) => r.workerBeatsSync);
  const firstSpawnMatch = ratios.find((r) => r.spawnMatchesPool);
  const closestSpawn = ratios.filter((r) => Number.isFinite(r.spawnVsPool)).sort((a, b) => b.spawnVsPool - a.spawnVsPool)[0];
  return {
    scenario,
    workerBeatsSync: firstWorkerWin
      ? `a worker variant beats sync from ${firstWorkerWin.params} (${firstWorkerWin.workerVsSync.toFixed(2)}x)`
      : 'no worker variant beats sync beyond noise (95% CIs apart) at any measured size',
    spawnCatchesPool: firstSpawnMatch
      ? `spawn-per-task matches pooled from ${firstSpawnMatch.params} (${firstSpawnMatch.spawnVsPool.toFixed(2)}x)`
      : closestSpawn
        ? `spawn-per-task stays slower than pooled at every measured size (closest: ${closestSpawn.spawnVsPool.toFixed(2)}x at ${closestSpawn.params})`
        : 'not measured',
  };
}
