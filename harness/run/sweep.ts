// Runs the cells one after another, each in its own process, and hands every finished cell on
// at once. Checks each cell's digest against its group's reference: sync's, or a reference run.

import { deriveVsSync } from '../measure/derive.js';
import type { CellOutcome, Measurement } from '../measure/measurement.js';
import type { SampleBudget } from '../plan/budget.js';
import { type Cell, cellFileName, cellId, choicesOf, groupKey } from '../plan/cell.js';
import type { CellRecord } from './cell-record.js';
import type { CellSpec } from './cell-spec.js';
import { runCellProcess } from './run-cell.js';

export interface SweepOptions {
  readonly budget: SampleBudget;
  /** Give each cell its scenario's declared warm-up instead of the budget's (no --warmup, no --quick). */
  readonly scenarioWarmup?: boolean;
  /** Give cells their scenario's own batch size, where it declares one (the default unless --tasks). */
  readonly scenarioBatch?: boolean;
  readonly timeoutMs: number;
  /** Parent of every cell's private temp dir; the caller removes it. */
  readonly tmpDir: string;
  readonly cores: number;
  /** Times the whole cell list is run, round-robin, each cell in a fresh process every round. */
  readonly rounds: number;
  /**
   * After the rounds, up to `rounds` more, one at a time, of only the cells `unsettled` names from
   * the records so far: repetitions go where the variation is (README, "Rounds"). No follow-up
   * starts once they have taken `timeShare` of the time the planned rounds took.
   */
  readonly followUp?: {
    readonly rounds: number;
    readonly timeShare: number;
    unsettled(records: readonly CellRecord[]): ReadonlySet<string>;
  };
  /** Aborted on Ctrl-C: the running cell is killed and the sweep stops. */
  readonly signal?: AbortSignal;
}

export interface SweepListener {
  /** `index` counts cells across rounds; `total` is cells × rounds, plus follow-ups once decided. */
  onCellStart?(cell: Cell, index: number, total: number): void;
  onCellDone(record: CellRecord, index: number, total: number): void;
}

export interface SweepResult {
  readonly records: readonly CellRecord[];
  readonly interrupted: boolean;
  /** Cell runs planned: cells × rounds, plus the follow-ups decided before the sweep ended. */
  readonly planned: number;
}

/** A group's reference digest, or why there is none. */
type Reference = { readonly digest: string } | { readonly error: string };

export async function runSweep(cells: readonly Cell[], options: SweepOptions, listener: SweepListener): Promise<SweepResult> {
  const runner = createCellRunner(options);
  const records: CellRecord[] = [];
  let planned = cells.length * options.rounds;
  const started = performance.now();
  let stopAt = Number.POSITIVE_INFINITY;
  /** Runs `list` as round `round`: 'done', 'canceled' by Ctrl-C, or 'out of time' past `stopAt`. */
  const runRound = async (list: readonly Cell[], round: number): Promise<'done' | 'canceled' | 'out of time'> => {
    for (const cell of list) {
      if (options.signal?.aborted) return 'canceled';
      if (performance.now() > stopAt) return 'out of time';
      listener.onCellStart?.(cell, records.length, planned);
      const record = await runner.run(cell, round);
      if (record === 'canceled') return 'canceled';
      records.push(record);
      listener.onCellDone(record, records.length - 1, planned);
    }
    return 'done';
  };
  for (let round = 1; round <= options.rounds; round++) {
    if ((await runRound(cells, round)) === 'canceled') return { records, interrupted: true, planned };
  }
  const followUp = options.followUp;
  if (followUp === undefined) return { records, interrupted: false, planned };
  const now = performance.now();
  stopAt = now + followUp.timeShare * (now - started);
  for (let extra = 1; extra <= followUp.rounds; extra++) {
    const unsettled = followUp.unsettled(records);
    const again = cells.filter((cell) => unsettled.has(cellId(cell)));
    if (again.length === 0) break;
    planned += again.length;
    const ended = await runRound(again, options.rounds + extra);
    if (ended === 'canceled') return { records, interrupted: true, planned };
    if (ended === 'out of time') break;
  }
  // Follow-ups the time share cut short were never due.
  return { records, interrupted: false, planned: records.length };
}

/** Runs one cell of one round on demand: what `runSweep` loops over and `bench --serve` is asked for. */
export interface CellRunner {
  /** The cell's record, or 'canceled' when Ctrl-C stopped it. A group's sync runs first in each round. */
  run(cell: Cell, round: number): Promise<CellRecord | 'canceled'>;
}

export function createCellRunner(options: Omit<SweepOptions, 'rounds' | 'followUp'>): CellRunner {
  const syncByGroup = new Map<string, Measurement>();
  const referenceByBatch = new Map<string, Reference>();
  const workloadOf = (cell: Cell) => ({
    scenarioFile: cell.scenarioFile,
    params: cell.params,
    tmpDir: `${options.tmpDir}/${cellFileName(cell)}`,
  });
  const tasksOf = (cell: Cell) => (options.scenarioBatch && cell.batchTasks !== undefined ? cell.batchTasks : options.budget.tasks);
  // A batch's digest covers its tasks: cells of one group with different batch sizes need a reference each.
  const referenceKey = (cell: Cell) => `${groupKey(cell)}#${tasksOf(cell)}`;
  const measureSpec = (cell: Cell): CellSpec => ({
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
  });
  const referenceSpec = (cell: Cell): CellSpec => ({ mode: 'reference', ...workloadOf(cell), tasks: tasksOf(cell) });
  const processOptions = { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };

  const referenceFor = async (cell: Cell): Promise<Reference | 'canceled'> => {
    const known = referenceByBatch.get(referenceKey(cell));
    if (known) return known;
    // No sync digest (sync filtered out or failed): compute the kernel's results on a main thread once.
    const report = await runCellProcess(referenceSpec(cell), processOptions);
    if (report.kind === 'canceled') return 'canceled';
    const reference: Reference =
      report.kind === 'reference' ? { digest: report.digest } : { error: report.kind === 'failed' ? report.error : 'no digest' };
    referenceByBatch.set(referenceKey(cell), reference);
    return reference;
  };

  const checkDigest = async (cell: Cell, measurement: Measurement, syncGroup: string): Promise<CellOutcome | 'canceled'> => {
    if (cell.variant === 'sync') {
      // The kernel on the main thread is the reference every other variant must reproduce.
      referenceByBatch.set(referenceKey(cell), { digest: measurement.digest });
      syncByGroup.set(syncGroup, measurement);
      return { status: 'ok', measurement };
    }
    const reference = await referenceFor(cell);
    if (reference === 'canceled') return 'canceled';
    if ('error' in reference) {
      return { status: 'failed', error: `results cannot be checked: the reference run failed (${reference.error})` };
    }
    if (reference.digest !== measurement.digest) {
      return {
        status: 'mismatch',
        error: `results digest ${measurement.digest.slice(0, 12)} differs from the kernel on the main thread (${reference.digest.slice(0, 12)})`,
      };
    }
    return { status: 'ok', measurement };
  };

  return {
    async run(cell, round) {
      // Speedups compare cells of the same round: a later round's sync is a later moment of the host.
      // A follow-up round without its group's sync leaves the round's speedup empty.
      const syncGroup = `${groupKey(cell)}#${round}`;
      let outcome: CellOutcome;
      if (cell.notApplicable !== undefined) {
        outcome = { status: 'n/a', error: cell.notApplicable };
      } else {
        const report = await runCellProcess(measureSpec(cell), processOptions);
        // A child killed by the same Ctrl-C may report a crash: the abort flag decides.
        if (report.kind === 'canceled' || options.signal?.aborted) return 'canceled';
        if (report.kind === 'failed') {
          outcome = { status: report.status, error: report.error };
        } else if (report.kind === 'reference') {
          outcome = { status: 'failed', error: 'cell process sent a reference digest instead of a measurement' };
        } else {
          const checked = await checkDigest(cell, report.measurement, syncGroup);
          if (checked === 'canceled') return 'canceled';
          outcome = checked;
        }
      }
      const sync = syncByGroup.get(syncGroup);
      const derived = outcome.status === 'ok' ? deriveVsSync(cell, outcome.measurement, sync, options.cores) : {};
      return { cell, round, outcome, derived, finishedAt: new Date() };
    },
  };
}
