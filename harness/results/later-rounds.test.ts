import { describe, expect, it } from 'vitest';
import { firstRound } from '../../test/report-cells.js';
import { type Cell, cellId } from '../plan/cell.js';
import type { CellRecord } from '../run/cell-record.js';
import type { CellSummary, Figures } from './fold-rounds.js';
import { budgetRounds, type FoldRecords, followUpRounds } from './later-rounds.js';

const cellOf = (params: number, variant: Cell['variant'], threads = 1): Cell => ({
  scenario: 's',
  scenarioFile: 's.js',
  params: { n: params },
  variant,
  threads,
});
// Two groups: in the first, pooled × 2 is fastest and spawn-per-task far behind.
const cells = [
  cellOf(1, 'sync'),
  cellOf(1, 'pooled', 1),
  cellOf(1, 'pooled', 2),
  cellOf(1, 'spawn-per-task', 2),
  cellOf(2, 'sync'),
  cellOf(2, 'pooled', 2),
];
const ids = (list: readonly Cell[]) => list.map(cellId);

/** One round of every cell, each taking `wallMs`. */
function roundOf(round: number, list: readonly Cell[], wallMs = 1000): CellRecord[] {
  return list.map((cell) => ({
    cell,
    round,
    outcome: { status: 'n/a', error: 'not measured here' },
    derived: {},
    finishedAt: new Date(0),
    wallMs,
  }));
}

/** A fold that reports the given throughput and stability per cell, whatever the records. */
interface Given {
  readonly throughput: number;
  readonly unstable: boolean;
  /** The throughput's interval; none wide by default. */
  readonly low?: number;
  readonly high?: number;
  /** Thread placement decides it (fold-rounds.ts): unstable whatever more rounds show. */
  readonly byPlacement?: boolean;
}

function foldGiving(figures: Readonly<Record<string, Given>>): FoldRecords {
  return () =>
    cells.map((cell): CellSummary => {
      const given = figures[cellId(cell)];
      const full: Figures | undefined = given && {
        throughput: given.throughput,
        unstable: given.unstable,
        throughputCiLow: given.low ?? given.throughput,
        throughputCiHigh: given.high ?? given.throughput,
        slowedRounds: [],
        hostSlowed: false,
        roundsUsed: 1,
        cpuMsPerTask: 1,
        latencyP50Ms: 1,
        latencyP99Ms: 1,
        eldP99Ms: 1,
        eldMaxMs: 1,
        elu: 0,
        blockedMain: false,
        coldFirstMs: Number.NaN,
        coldBurstMs: Number.NaN,
        handoffInMs: Number.NaN,
        handoffOutMs: Number.NaN,
        placement: '',
        decidedByPlacement: given.byPlacement === true,
        placementEffect: given.byPlacement === true ? 1.2 : 1,
      };
      return {
        cell: cellId(cell),
        scenario: cell.scenario,
        params: `n=${cell.params.n}`,
        size: Number(cell.params.n),
        variant: cell.variant,
        pool: '',
        handoff: '',
        poolDefaultSize: false,
        threads: cell.threads,
        first: firstRound(cell.variant),
        status: 'ok',
        error: '',
        rounds: 1,
        ...(full ? { figures: full } : {}),
      };
    });
}

const stable = (throughput: number) => ({ throughput, unstable: false });
const unstable = (throughput: number, low = throughput, high = throughput) => ({ throughput, unstable: true, low, high });
const [sync1, pooled1, pooled2, spawn2, sync2, pooledB] = cells.map(cellId);
const budget = { budgetMs: 60_000, minRounds: 3, maxRounds: 10 };

describe('budgetRounds', () => {
  const fold = foldGiving({
    [sync1 ?? '']: stable(100),
    [pooled1 ?? '']: stable(90),
    [pooled2 ?? '']: stable(180),
    [spawn2 ?? '']: stable(10),
    [sync2 ?? '']: stable(50),
    [pooledB ?? '']: stable(95),
  });

  it('measures again every cell within 4x of its group fastest, up to the minimum rounds, each beside its sync cell', () => {
    const next = budgetRounds(cells, fold, budget).next(roundOf(1, cells), 2, 60_000);
    // spawn-per-task is 18x behind pooled × 2: out of contention.
    expect(ids(next)).toEqual([sync1, pooled1, pooled2, sync2, pooledB]);
  });

  it('after the minimum rounds, measures only the unstable cells that may still be the fastest, with their sync cells', () => {
    const records = [1, 2, 3].flatMap((round) => roundOf(round, cells));
    const fold3 = foldGiving({
      [sync1 ?? '']: stable(100),
      // Unsure, and its interval reaches the fastest's: it may yet be the answer.
      [pooled1 ?? '']: unstable(150, 120, 200),
      [pooled2 ?? '']: stable(180),
      [sync2 ?? '']: unstable(50),
      [pooledB ?? '']: stable(95),
    });
    expect(ids(budgetRounds(cells, fold3, budget).next(records, 4, 60_000))).toEqual([sync1, pooled1]);
    // Unsure, but wholly behind the fastest already: more rounds would not change the answer.
    const behind = foldGiving({ [sync1 ?? '']: stable(100), [pooled1 ?? '']: unstable(90, 70, 120), [pooled2 ?? '']: stable(180) });
    expect(budgetRounds(cells, behind, budget).next(records, 4, 60_000)).toEqual([]);
    // Unsure because placement decides it: more rounds would not settle it either.
    const byPlacement = foldGiving({
      [sync1 ?? '']: stable(100),
      [pooled1 ?? '']: { ...unstable(150, 120, 200), byPlacement: true },
      [pooled2 ?? '']: stable(180),
    });
    expect(budgetRounds(cells, byPlacement, budget).next(records, 4, 60_000)).toEqual([]);
  });

  it('takes only what the time left pays for, nearest the fastest first, its sync cell counted in', () => {
    // 2.5 s left at 1 s a cell: pooled × 2 and its sync (2 s); pooled × 1 would need a third second.
    const next = budgetRounds(cells, fold, budget).next(roundOf(1, cells), 2, 2_500);
    expect(ids(next)).toEqual([sync1, pooled2]);
    expect(budgetRounds(cells, fold, budget).next(roundOf(1, cells), 2, 1_500)).toEqual([]);
  });

  it('ends at the most rounds, and when nothing needs another round', () => {
    expect(budgetRounds(cells, fold, budget).next(roundOf(1, cells), 11, 60_000)).toEqual([]);
    const records = [1, 2, 3].flatMap((round) => roundOf(round, cells));
    expect(budgetRounds(cells, fold, budget).next(records, 4, 60_000)).toEqual([]);
  });

  it('gives its deadline as the budget, whatever the planned rounds took', () => {
    expect(budgetRounds(cells, fold, budget).deadlineMs(10_000)).toBe(60_000);
    expect(budgetRounds(cells, fold, budget).lastRound).toBe(10);
  });
});

describe('followUpRounds', () => {
  const fold = foldGiving({ [sync1 ?? '']: stable(100), [pooled2 ?? '']: unstable(180), [pooledB ?? '']: stable(95) });

  it('measures the unstable cells again beside their sync cells, up to the rounds asked for', () => {
    const plan = followUpRounds(cells, fold, { rounds: 2, timeShare: 0.2 }, 3);
    expect(ids(plan.next([], 4, Number.POSITIVE_INFINITY))).toEqual([sync1, pooled2]);
    expect(plan.next([], 6, Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('allows follow-ups a share of the time the planned rounds took', () => {
    expect(followUpRounds(cells, fold, { rounds: 2, timeShare: 0.2 }, 3).deadlineMs(100_000)).toBeCloseTo(120_000, 6);
    expect(followUpRounds(cells, fold, { rounds: 2, timeShare: 0.2 }, 3).lastRound).toBe(5);
  });
});
