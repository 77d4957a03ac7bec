// Server mode's sweep: each scenario-and-params group's sync capacity measured first (the bench's
// sync cell), then every cell under every load, round after round, round-robin, each (cell × load)
// in fresh server and load processes. Loads are multiples of that capacity, so every machine
// sweeps the region where sync saturates and threads should still cope.

import type { SampleBudget } from '../../plan/budget.js';
import { type Cell, cellFileName, cellId, choicesOf, groupKey } from '../../plan/cell.js';
import { runCellProcess } from '../run-cell.js';
import type { LoadPlan } from './protocol.js';
import { runServerCell } from './run-server-cell.js';
import type { ServerRecord } from './server-record.js';

export interface ServerSweepOptions {
  /** Offered loads, in units of the sync cell's capacity. */
  readonly loads: readonly number[];
  readonly rounds: number;
  /** Everything of the load but its rate and target. */
  readonly plan: Omit<LoadPlan, 'origin' | 'digests' | 'workRps'>;
  /** How the sync cell is measured for its capacity. */
  readonly capacityBudget: SampleBudget;
  /** Tasks a server cell cycles through (the jobs `/work?i=N` picks from). */
  readonly tasks: number;
  readonly timeoutMs: number;
  /** The V8 heap limit of each thread of a cell's server process (MiB), as in a sweep. */
  readonly heapLimitMb?: number | undefined;
  readonly tmpDir: string;
  readonly signal?: AbortSignal | undefined;
}

export interface ServerSweepListener {
  onStart?(cell: Cell, load: number, index: number, total: number): void;
  onRecord(record: ServerRecord, index: number, total: number): void;
}

export interface ServerSweepResult {
  readonly records: readonly ServerRecord[];
  readonly interrupted: boolean;
  readonly planned: number;
}

type Capacity = { readonly rps: number } | { readonly error: string };

export async function runServerSweep(
  cells: readonly Cell[],
  options: ServerSweepOptions,
  listener: ServerSweepListener,
): Promise<ServerSweepResult> {
  const runnable = cells.filter((cell) => cell.notApplicable === undefined);
  const planned = runnable.length * options.loads.length * options.rounds;
  const records: ServerRecord[] = [];
  const capacities = new Map<string, Capacity>();
  const capacityOf = async (cell: Cell): Promise<Capacity | 'canceled'> => {
    const known = capacities.get(groupKey(cell));
    if (known) return known;
    const report = await runCellProcess(
      {
        mode: 'measure',
        scenarioFile: cell.scenarioFile,
        params: cell.params,
        tmpDir: `${options.tmpDir}/${cellFileName({ ...cell, variant: 'sync', threads: 1 })}-capacity`,
        variant: 'sync',
        threads: 1,
        // The scenario's own warm-up, as the bench gives its sync cell: a JIT-compiled kernel measured cold would understate it.
        budget: cell.warmupMs === undefined ? options.capacityBudget : { ...options.capacityBudget, warmupMs: cell.warmupMs },
      },
      {
        timeoutMs: options.timeoutMs,
        ...(options.heapLimitMb === undefined ? {} : { heapLimitMb: options.heapLimitMb }),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(cell.node ? { nodePath: cell.node.path } : {}),
      },
    );
    if (report.kind === 'canceled') return 'canceled';
    const capacity: Capacity =
      report.kind === 'measured'
        ? { rps: report.measurement.throughput.median }
        : { error: `the sync cell measuring capacity failed: ${report.kind === 'failed' ? report.error : report.kind}` };
    capacities.set(groupKey(cell), capacity);
    return capacity;
  };

  for (let round = 1; round <= options.rounds; round++) {
    for (const cell of runnable) {
      for (const load of options.loads) {
        if (options.signal?.aborted) return { records, interrupted: true, planned };
        listener.onStart?.(cell, load, records.length, planned);
        const capacity = await capacityOf(cell);
        if (capacity === 'canceled') return { records, interrupted: true, planned };
        const base = { cell, load, round, capacityRps: 'rps' in capacity ? capacity.rps : Number.NaN };
        let record: ServerRecord;
        if ('error' in capacity) {
          record = { ...base, outcome: { status: 'failed', error: capacity.error }, finishedAt: new Date() };
        } else {
          const outcome = await runServerCell(
            {
              scenarioFile: cell.scenarioFile,
              params: cell.params,
              tasks: options.tasks,
              tmpDir: `${options.tmpDir}/${cellFileName(cell)}-load-${load}`,
              variant: cell.variant,
              threads: cell.threads,
              ...choicesOf(cell),
            },
            { ...options.plan, workRps: load * capacity.rps },
            { timeoutMs: options.timeoutMs, heapLimitMb: options.heapLimitMb, signal: options.signal, nodePath: cell.node?.path },
          );
          if (outcome.status === 'canceled') return { records, interrupted: true, planned };
          record = { ...base, outcome, finishedAt: new Date() };
        }
        records.push(record);
        listener.onRecord(record, records.length - 1, planned);
      }
    }
  }
  return { records, interrupted: false, planned };
}

/** `pbkdf2/iterations=50000/pooled/2 @ 1.5`: a cell under a load, for progress lines. */
export function serverCellLabel(cell: Cell, load: number): string {
  return `${cellId(cell)} @ ${load}`;
}
