// Runs the cells one after another, each in its own process, and hands every finished cell on
// at once. Checks each cell's digest against its group's reference: sync's, or a reference run.

import type { CellOutcome, Measurement } from '../measure/measurement.js';
import { deriveVsSync } from '../measure/vs-sync.js';
import type { SampleBudget } from '../plan/budget.js';
import { type Cell, cellFileName, cellId, choicesOf, groupKey } from '../plan/cell.js';
import { CellDurations } from './cell-durations.js';
import type { CellRecord } from './cell-record.js';
import type { CellSpec } from './cell-spec.js';
import { DigestReferences } from './digest-references.js';
import { runCellProcess } from './run-cell.js';
import { speedWhereItRan, throughout, type VcpuProbes } from './vcpu-probes.js';

export interface SweepOptions {
  readonly budget: SampleBudget;
  /** Give each cell its scenario's declared warm-up instead of the budget's (no --warmup, no --quick). */
  readonly scenarioWarmup?: boolean;
  /** Give cells their scenario's own batch size, where it declares one (the default unless --tasks). */
  readonly scenarioBatch?: boolean;
  readonly timeoutMs: number;
  /** The V8 heap limit of each thread of a cell process, main and workers alike (MiB). */
  readonly heapLimitMb?: number;
  /** Parent of every cell's private temp dir; the caller removes it. */
  readonly tmpDir: string;
  readonly cores: number;
  /** Times the whole cell list is run, round-robin, each cell in a fresh process every round. */
  readonly rounds: number;
  /** After those, rounds that a plan decides one at a time from what was measured so far. */
  readonly laterRounds?: LaterRounds;
  /** Aborted by a stop signal: the running cell is killed and the sweep stops. */
  readonly signal?: AbortSignal;
  /** The host's speed on every vCPU, read before and after each cell; absent where it cannot be. */
  readonly vcpuProbes?: VcpuProbes;
  /** What an interrupted run already measured (`bench --resume`): those rounds are not run again. */
  readonly resumed?: ResumedRounds;
}

export interface ResumedRounds {
  /** `roundKey` of every round of a cell already written. */
  readonly done: ReadonlySet<string>;
  /** The highest round written: later rounds continue after it. */
  readonly lastRound: number;
  /** How long the written cells took, for the ETA and the budget's plan. */
  readonly times: readonly { readonly cell: string; readonly variant: string; readonly ms: number }[];
}

/** One round of one cell, as `ResumedRounds.done` names it. */
export const roundKey = (cell: string, round: number): string => `${cell}#${round}`;

/**
 * Decides the rounds after the planned ones: follow-ups of the cells whose rounds disagree, or the
 * rounds a time budget can still pay for. A round it names is run in the order given.
 */
export interface LaterRounds {
  /**
   * How long the sweep may run, in ms from its start, given when the planned rounds end (projected
   * or measured): no cell starts past it. Infinite where only the number of rounds bounds it.
   */
  deadlineMs(plannedEndMs: number): number;
  /** The last round it may name: what bounds the ETA of a sweep that ends long before its deadline. */
  readonly lastRound: number;
  /** The cells of round `round`, given every record so far and the time left; none ends the sweep. */
  next(records: readonly CellRecord[], round: number, leftMs: number): readonly Cell[];
}

export interface SweepListener {
  /** `index` counts cells across rounds; `total` is the cells of the rounds decided so far. */
  onCellStart?(cell: Cell, index: number, total: number): void;
  /**
   * `etaMs`: what the sweep expects to take still, the later rounds included: the cells decided
   * but not run, each at its last measured time (or its variant's mean), and where later rounds
   * may follow, until the deadline they are given.
   */
  onCellDone(record: CellRecord, index: number, total: number, etaMs: number): void;
}

export interface SweepResult {
  readonly records: readonly CellRecord[];
  readonly interrupted: boolean;
  /** Cell runs decided: cells × rounds, plus the later rounds decided before the sweep ended. */
  readonly planned: number;
}

/** A group's reference digest, or why there is none. */

export async function runSweep(cells: readonly Cell[], options: SweepOptions, listener: SweepListener): Promise<SweepResult> {
  const runner = createCellRunner(options);
  const records: CellRecord[] = [];
  const durations = new CellDurations();
  const { resumed } = options;
  for (const { cell, variant, ms } of resumed?.times ?? []) durations.addTime(cell, variant, ms);
  const notDone = (list: readonly Cell[], inRound: number) =>
    resumed === undefined ? list : list.filter((cell) => !resumed.done.has(roundKey(cellId(cell), inRound)));
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const { laterRounds } = options;
  let planned = Array.from({ length: options.rounds }, (_, index) => notDone(cells, index + 1).length).reduce((a, b) => a + b, 0);
  let deadline = Number.POSITIVE_INFINITY;
  /** Cells decided but not yet run, in order: the rest of this round, then the planned rounds after it. */
  let ahead: Cell[] = [];
  /** The cells of the round running: what each later round is expected to repeat at most. */
  let current: readonly Cell[] = cells;
  let round = 1;
  const etaMs = (): number => {
    const aheadMs = durations.expectedMs(ahead);
    if (laterRounds === undefined) return aheadMs;
    const projected = deadline === Number.POSITIVE_INFINITY ? laterRounds.deadlineMs(elapsed() + aheadMs) : deadline;
    // At most this round's cells again in each round still to come (later rounds only narrow), and
    // never past the deadline.
    const laterMs = Math.max(0, laterRounds.lastRound - Math.max(round, options.rounds)) * durations.expectedMs(current);
    return Math.max(aheadMs, Math.min(projected - elapsed(), aheadMs + laterMs));
  };
  /** Runs `list` as the current round: 'done', 'canceled' by Ctrl-C, or 'out of time' past the deadline. */
  const runRound = async (list: readonly Cell[], after: readonly Cell[]): Promise<'done' | 'canceled' | 'out of time'> => {
    current = list;
    for (const [index, cell] of list.entries()) {
      if (options.signal?.aborted) return 'canceled';
      if (elapsed() > deadline) return 'out of time';
      ahead = [...list.slice(index + 1), ...after];
      listener.onCellStart?.(cell, records.length, planned);
      const record = await runner.run(cell, round);
      if (record === 'canceled') return 'canceled';
      durations.add(record);
      records.push(record);
      listener.onCellDone(record, records.length - 1, planned, etaMs());
    }
    return 'done';
  };
  for (; round <= options.rounds; round++) {
    const after = Array.from({ length: options.rounds - round }, (_, index) => notDone(cells, round + index + 1)).flat();
    if ((await runRound(notDone(cells, round), after)) === 'canceled') return { records, interrupted: true, planned };
  }
  if (laterRounds === undefined) return { records, interrupted: false, planned };
  deadline = laterRounds.deadlineMs(elapsed());
  // A resumed run's later rounds come after every round it had written: a round it left half-run stays so.
  for (round = Math.max(round, (resumed?.lastRound ?? 0) + 1); ; round++) {
    const next = laterRounds.next(records, round, deadline - elapsed());
    if (next.length === 0 || elapsed() > deadline) break;
    planned += next.length;
    const ended = await runRound(next, []);
    if (ended === 'canceled') return { records, interrupted: true, planned };
    if (ended === 'out of time') break;
  }
  // Later cells the deadline cut short were never due.
  return { records, interrupted: false, planned: records.length };
}

/** Runs one cell of one round on demand: what `runSweep` loops over and `bench --serve` is asked for. */
export interface CellRunner {
  /** The cell's record, or 'canceled' when Ctrl-C stopped it. A group's sync runs first in each round. */
  run(cell: Cell, round: number): Promise<CellRecord | 'canceled'>;
}

export function createCellRunner(options: Omit<SweepOptions, 'rounds' | 'laterRounds'>): CellRunner {
  const specs = cellSpecs(options);
  const processOptions = (cell: Cell) => ({
    timeoutMs: options.timeoutMs,
    ...(options.heapLimitMb !== undefined ? { heapLimitMb: options.heapLimitMb } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(cell.node ? { nodePath: cell.node.path } : {}),
  });
  const references = new DigestReferences(
    (cell) => `${groupKey(cell)}#${specs.tasksOf(cell)}`,
    (cell) => runCellProcess(specs.reference(cell), processOptions(cell)),
  );
  // Each group's sync figures by round: what that round's speedups divide by.
  const syncByGroup = new Map<string, Measurement>();

  /** The cell's process, and its digest checked against its group's reference: its outcome, or canceled. */
  const outcomeOf = async (cell: Cell, syncGroup: string): Promise<CellOutcome | 'canceled'> => {
    if (cell.notApplicable !== undefined) return { status: 'n/a', error: cell.notApplicable };
    // A spawned worker's kernel never runs on the cell's main thread: that thread can compute the
    // group's reference after measuring, where no reference of this batch size is known yet.
    const alsoReference = cell.variant === 'spawn-per-task' && !references.knows(cell);
    const report = await runCellProcess({ ...specs.measure(cell), ...(alsoReference ? { alsoReference } : {}) }, processOptions(cell));
    // A child killed by the same Ctrl-C may report a crash: the abort flag decides.
    if (report.kind === 'canceled' || options.signal?.aborted) return 'canceled';
    if (report.kind === 'failed') return { status: report.status, error: report.error };
    if (report.kind === 'reference') return { status: 'failed', error: 'cell process sent a reference digest instead of a measurement' };
    if (report.referenceDigest !== undefined) references.learn(cell, report.referenceDigest);
    if (cell.variant === 'sync') syncByGroup.set(syncGroup, report.measurement);
    return references.check(cell, report.measurement);
  };

  return {
    async run(cell, round) {
      const started = performance.now();
      // Speedups compare cells of the same round: a later round's sync is a later moment of the host.
      // Later rounds run each cell beside its group's sync (later-rounds.ts); a cell served alone
      // (bench --serve) without its sync in the round has no speedup for it.
      const syncGroup = `${groupKey(cell)}#${round}`;
      const probes = cell.notApplicable === undefined ? options.vcpuProbes : undefined;
      const before = await probes?.probe();
      const outcome = await outcomeOf(cell, syncGroup);
      if (outcome === 'canceled') return 'canceled';
      const after = await probes?.probe();
      const derived = outcome.status === 'ok' ? deriveVsSync(cell, outcome.measurement, syncByGroup.get(syncGroup), options.cores) : {};
      const vcpuSpeeds = before && after ? throughout(before, after) : undefined;
      return {
        cell,
        round,
        outcome,
        derived,
        ...(vcpuSpeeds ? { vcpuSpeeds } : {}),
        ...(vcpuSpeeds && outcome.status === 'ok' ? { vcpuCellMbps: speedWhereItRan(outcome.measurement.cpuShares, vcpuSpeeds) } : {}),
        finishedAt: new Date(),
        wallMs: performance.now() - started,
      };
    },
  };
}

/** What a cell process is asked: to measure the cell, or to compute its group's reference digest. */
function cellSpecs(options: Omit<SweepOptions, 'rounds' | 'laterRounds'>) {
  const workloadOf = (cell: Cell) => ({
    scenarioFile: cell.scenarioFile,
    params: cell.params,
    tmpDir: `${options.tmpDir}/${cellFileName(cell)}`,
  });
  const tasksOf = (cell: Cell) => (options.scenarioBatch && cell.batchTasks !== undefined ? cell.batchTasks : options.budget.tasks);
  return {
    tasksOf,
    measure: (cell: Cell): CellSpec => ({
      mode: 'measure',
      ...workloadOf(cell),
      variant: cell.variant,
      threads: cell.threads,
      ...choicesOf(cell),
      budget: {
        ...options.budget,
        tasks: tasksOf(cell),
        ...(options.scenarioWarmup && cell.warmupMs !== undefined ? { warmupMs: cell.warmupMs } : {}),
      },
    }),
    reference: (cell: Cell): CellSpec => ({ mode: 'reference', ...workloadOf(cell), tasks: tasksOf(cell) }),
  };
}
