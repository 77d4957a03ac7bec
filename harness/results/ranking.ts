// Which cell of a scenario-and-params group is fastest, and which are behind it beyond noise: what
// the answer, the report's verdict and a time budget's plan all decide on, so that they agree.
import type { CellSummary } from './fold-rounds.js';

/**
 * A one-round cell this many times slower than the fastest is behind it whatever the noise: a host
 * that takes a core away can slow a round about twice over, and where a sub-millisecond hand-off's
 * threads land can change it about twice again (docs/methodology.md, "Rounds").
 */
export const farBehindFactor = 4;

/**
 * How fast a cell is within its group: its paired speedup vs sync where it has one (every cell
 * does when the group's sync cell measured), else its throughput (same work per task in a group).
 */
function paceOf(summary: CellSummary, bySpeedup: boolean): number {
  const figures = summary.figures;
  if (!figures) return Number.NEGATIVE_INFINITY;
  return bySpeedup ? (figures.speedup ?? Number.NEGATIVE_INFINITY) : figures.throughput;
}

/** The measured cell of `group` with the highest paired speedup (or throughput, without a sync cell). */
export function fastestOf<Cell extends CellSummary>(group: readonly Cell[]): Cell | undefined {
  const measured = group.filter((cell) => cell.figures !== undefined);
  const bySpeedup = measured.every((cell) => cell.figures?.speedup !== undefined);
  return measured.reduce<Cell | undefined>(
    (best, cell) => (best === undefined || paceOf(cell, bySpeedup) > paceOf(best, bySpeedup) ? cell : best),
    undefined,
  );
}

/**
 * `cell` is behind `best` beyond noise: its speedup's interval lies wholly below the best's (both
 * paired with the same sync rounds; throughput intervals without a sync cell), or, with one round
 * and so no interval, it is `farBehindFactor` times slower. An interval that thread placement
 * decides (fold-rounds.ts) is widened by what the other placement could do to it.
 */
export function isBeatenBy(cell: CellSummary, best: CellSummary): boolean {
  const [f, b] = [cell.figures, best.figures];
  if (!f || !b || cell === best) return false;
  if (!Number.isFinite(f.throughputCiHigh)) return f.throughput * farBehindFactor < b.throughput;
  const [up, down] = [f.decidedByPlacement ? f.placementEffect : 1, b.decidedByPlacement ? b.placementEffect : 1];
  const paired = f.speedupCiHigh !== undefined && b.speedupCiLow !== undefined;
  return paired ? (f.speedupCiHigh ?? 0) * up < (b.speedupCiLow ?? 0) / down : f.throughputCiHigh * up < b.throughputCiLow / down;
}
