// The rounds after the planned ones, decided one at a time from the cells' folded rounds so far:
// follow-ups of cells whose rounds disagree (--rounds), or what a time budget can pay for (--budget).
// Every later round measures a cell beside its group's sync cell, so that its speedup pairs.
import { type Cell, cellId, groupKey } from '../plan/cell.js';
import { CellDurations } from '../run/cell-durations.js';
import type { CellRecord } from '../run/cell-record.js';
import type { LaterRounds } from '../run/sweep.js';
import type { CellSummary } from './fold-rounds.js';
import type { PriorRounds } from './prior-rounds.js';
import { farBehindFactor, fastestOf, isBeatenBy } from './ranking.js';

/** Every round of the records so far, folded into one summary per cell (fold-rounds.ts). */
export type FoldRecords = (records: readonly CellRecord[]) => readonly CellSummary[];

export interface FollowUpPlan {
  /** At most this many rounds after the planned ones. */
  readonly rounds: number;
  /** No follow-up starts once they have taken this share of the time the planned rounds took. */
  readonly timeShare: number;
}

/** Up to `rounds` more rounds of only the cells still `unstable`, within `timeShare` of the planned time. */
export function followUpRounds(cells: readonly Cell[], fold: FoldRecords, plan: FollowUpPlan, plannedRounds: number): LaterRounds {
  return {
    deadlineMs: (plannedEndMs) => plannedEndMs * (1 + plan.timeShare),
    lastRound: plannedRounds + plan.rounds,
    next(records, round) {
      if (round > plannedRounds + plan.rounds) return [];
      const unsettled = new Set(
        fold(records)
          // Placement decides some cells whatever their rounds (fold-rounds.ts): more of them settle nothing.
          .filter((summary) => summary.figures?.unstable && !summary.figures.decidedByPlacement)
          .map((summary) => summary.cell),
      );
      return withTheirSyncCells(
        cells,
        cells.filter((cell) => unsettled.has(cellId(cell))),
      );
    },
  };
}

export interface TimeBudget {
  /** The whole sweep's time, from its start. */
  readonly budgetMs: number;
  /**
   * Rounds every cell still in contention gets, budget allowing; past them, only the unstable cells
   * not already behind their group's fastest beyond noise get more.
   */
  readonly minRounds: number;
  readonly maxRounds: number;
}

/**
 * A time budget's rounds. After the first round of every cell: rounds of the cells in contention
 * (not `farBehindFactor` behind their group's fastest, ranking.ts) up to `minRounds`, then of those still
 * unstable and not behind the fastest beyond noise (the verdicts still open), nearest their
 * group's fastest first; each round only what the time left pays for, at each cell's last
 * measured time, its sync cell counted in.
 */
export function budgetRounds(cells: readonly Cell[], fold: FoldRecords, budget: TimeBudget, prior?: PriorRounds): LaterRounds {
  return {
    deadlineMs: () => budget.budgetMs,
    lastRound: budget.maxRounds,
    next(records, round, leftMs) {
      if (round > budget.maxRounds) return [];
      const summaries = new Map(fold(records).map((summary) => [summary.cell, summary]));
      const roundsOf = new Map(prior?.roundsOf);
      for (const record of records) roundsOf.set(cellId(record.cell), (roundsOf.get(cellId(record.cell)) ?? 0) + 1);
      const leaders = leaderByGroup(cells, summaries);
      const closeness = (cell: Cell) =>
        (summaries.get(cellId(cell))?.figures?.throughput ?? 0) / (leaders.get(groupKey(cell))?.figures?.throughput ?? 1);
      const wanted = cells
        .filter((cell) => {
          const summary = summaries.get(cellId(cell));
          if (cell.variant === 'sync' || summary?.figures === undefined || closeness(cell) * farBehindFactor < 1) return false;
          if ((roundsOf.get(cellId(cell)) ?? 0) < budget.minRounds) return true;
          // Past the minimum, only a cell that may still be the fastest: an unsure one not already behind
          // it, and not one that placement decides, which more rounds do not settle.
          const leader = leaders.get(groupKey(cell));
          const settles = summary.figures.unstable && !summary.figures.decidedByPlacement;
          return settles && (leader === undefined || !isBeatenBy(summary, leader));
        })
        .sort((a, b) => closeness(b) - closeness(a));
      const durations = new CellDurations();
      for (const { cell, variant, ms } of prior?.times ?? []) durations.addTime(cell, variant, ms);
      for (const record of records) durations.add(record);
      return withTheirSyncCells(cells, affordable(cells, wanted, durations, leftMs));
    },
  };
}

/** The fastest cell of each group (ranking.ts), as folded so far. */
function leaderByGroup(cells: readonly Cell[], summaries: ReadonlyMap<string, CellSummary>): Map<string, CellSummary> {
  const groups = new Map<string, CellSummary[]>();
  for (const cell of cells) {
    const summary = summaries.get(cellId(cell));
    if (summary) groups.set(groupKey(cell), [...(groups.get(groupKey(cell)) ?? []), summary]);
  }
  return new Map(
    [...groups].flatMap(([group, members]) => {
      const leader = fastestOf(members);
      return leader ? [[group, leader] as const] : [];
    }),
  );
}

/** The first of `wanted`, in its order, that fit in `leftMs` with the sync cells of their groups. */
function affordable(cells: readonly Cell[], wanted: readonly Cell[], durations: CellDurations, leftMs: number): Cell[] {
  const syncOf = new Map(cells.filter((cell) => cell.variant === 'sync').map((cell) => [groupKey(cell), cell]));
  const paidGroups = new Set<string>();
  const chosen: Cell[] = [];
  let spent = 0;
  for (const cell of wanted) {
    const sync = paidGroups.has(groupKey(cell)) ? undefined : syncOf.get(groupKey(cell));
    const cost = durations.of(cell) + (sync ? durations.of(sync) : 0);
    if (spent + cost > leftMs) continue;
    spent += cost;
    paidGroups.add(groupKey(cell));
    chosen.push(cell);
  }
  return chosen;
}

/** `chosen` and the sync cell of each of their groups, in the matrix's order (a group's sync first). */
function withTheirSyncCells(cells: readonly Cell[], chosen: readonly Cell[]): Cell[] {
  const ids = new Set(chosen.map(cellId));
  const groups = new Set(chosen.map(groupKey));
  return cells.filter((cell) => ids.has(cellId(cell)) || (cell.variant === 'sync' && groups.has(groupKey(cell))));
}
