// One round of one cell as the fold reads it: typed figures, from a run's own records or from a
// cells CSV. This file is the CSV's one reader for the fold: the older files' missing columns and
// empty figures are settled here, so that the fold and everything after it never see column names.
import { judgeLoop } from '../measure/loop-verdict.js';
import { cpuMsPerTask, cpuMsPerTaskOver } from '../measure/vs-sync.js';
import { axesOf, cellId, runnerLabel } from '../plan/cell.js';
import type { CellRecord } from '../run/cell-record.js';
import { poolVersion } from '../run/pools/version.js';
import { sixDigits } from './csv.js';
import type { CsvRecord } from './csv-read.js';
import { type CellMachine, machineOfCell, type RunMetadata } from './machine.js';

export interface RoundRecord {
  readonly runId: string;
  /** 1-based: the same cell measured again, in a fresh process. */
  readonly round: number;
  /** When the round finished (ISO 8601), as written; empty where unknown. */
  readonly timestamp: string;
  readonly cell: string;
  readonly scenario: string;
  /** The cell's parameters (`--node` among them), in the cell id's order. */
  readonly params: readonly (readonly [string, string])[];
  /** `sync`, `libuv-async`, `spawn-per-task` or `pooled`. */
  readonly variant: string;
  /** A `pooled` cell's pool, its version, and whether its size is the pool's own default; empty otherwise. */
  readonly pool: string;
  readonly poolVersion: string;
  readonly poolDefaultSize: boolean;
  /** A worker cell's hand-off; empty for the other variants. */
  readonly handoff: string;
  readonly threads: number;
  /** `ok`, `n/a` or a failure status, with its error. */
  readonly status: string;
  readonly error: string;
  readonly machine: CellMachine;
  /** Present where the status is ok. */
  readonly figures?: RoundFigures;
}

/** A measured round's figures the fold uses; NaN where the round has none (or its file predates it). */
export interface RoundFigures {
  /** Tasks per second: the round's median batch. */
  readonly throughput: number;
  /** CPU time of every thread per task. */
  readonly cpuMsPerTask: number;
  /** cpuMsPerTask ÷ the sync cell's of the same round. */
  readonly cpuVsSync: number;
  /** The system's share of the CPU time: page faults and system calls, the kernel's own or the harness's. */
  readonly systemShare: number;
  /** The host probe around the cell (host-probe.ts), MB/s. */
  readonly hostMbps: number;
  /** The slowest and the fastest vCPU's probe around the cell (vcpu-probes.ts), MB/s. */
  readonly vcpuSlowestMbps: number;
  readonly vcpuFastestMbps: number;
  /** The vCPUs' speed where the cell's threads ran, weighted by its CPU time there (vcpu-probes.ts speedWhereItRan), MB/s. */
  readonly vcpuCellMbps: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly eldP99Ms: number;
  readonly eldMaxMs: number;
  readonly elu: number;
  /** Doctor's event-loop rule held. */
  readonly blockedMain: boolean;
  /** A pool's cold start: from creating it to the first, and to the last, result of a first burst. */
  readonly coldFirstMs: number;
  readonly coldBurstMs: number;
  /** Median hand-off each way of a worker's task, ms. */
  readonly handoffInMs: number;
  readonly handoffOutMs: number;
  /** Share of samples in which a thread handed tasks had last run on the main thread's vCPU (thread-placement.ts). */
  readonly sameCpuShare: number;
  /** The round's own speedup ÷ min(threads, cores); NaN where the round had no sync cell. */
  readonly efficiency: number;
}

/**
 * A round the run just measured. Figures keep the six digits the cells file keeps, so that a fold
 * of the run and a later fold of its file (a report, a resume) agree to the digit.
 */
export function roundRecordOf(record: CellRecord, meta: RunMetadata): RoundRecord {
  const { cell, outcome, derived } = record;
  const key: RoundRecord = {
    runId: meta.runId,
    round: record.round,
    timestamp: record.finishedAt.toISOString(),
    cell: cellId(cell),
    scenario: cell.scenario,
    params: Object.entries(axesOf(cell)).map(([name, value]) => [name, String(value)] as const),
    variant: cell.variant,
    pool: cell.pool ?? '',
    poolVersion: cell.pool === undefined ? '' : poolVersion(cell.pool),
    poolDefaultSize: cell.pool !== undefined && cell.poolDefaultSize === true,
    handoff: cell.handoff ?? '',
    threads: cell.threads,
    status: outcome.status,
    error: outcome.status === 'ok' ? '' : outcome.error,
    machine: machineOfCell(meta, cell),
  };
  if (outcome.status !== 'ok') return key;
  const m = outcome.measurement;
  return {
    ...key,
    figures: {
      throughput: sixDigits(m.throughput.median),
      cpuMsPerTask: sixDigits(cpuMsPerTask(m)),
      cpuVsSync: derived.cpuVsSync === undefined ? Number.NaN : sixDigits(derived.cpuVsSync),
      // From the six digits the file keeps, as a fold of the file computes it.
      systemShare: systemShareOf(sixDigits(m.cpuUserMs), sixDigits(m.cpuSystemMs)),
      hostMbps: sixDigits(m.hostMbps),
      vcpuSlowestMbps: sixDigits(record.vcpuSpeeds?.slowestMbps ?? Number.NaN),
      vcpuFastestMbps: sixDigits(record.vcpuSpeeds?.fastestMbps ?? Number.NaN),
      vcpuCellMbps: sixDigits(record.vcpuCellMbps ?? Number.NaN),
      latencyP50Ms: sixDigits(m.latencyP50Ms),
      latencyP99Ms: sixDigits(m.latencyP99Ms),
      eldP99Ms: sixDigits(m.eldP99Ms),
      eldMaxMs: sixDigits(m.eldMaxMs),
      elu: sixDigits(m.elu),
      blockedMain: judgeLoop(m).blockedMain,
      coldFirstMs: sixDigits(m.coldFirstMs),
      coldBurstMs: sixDigits(m.coldBurstMs),
      handoffInMs: sixDigits(m.handoffInP50Ms),
      handoffOutMs: sixDigits(m.handoffOutP50Ms),
      sameCpuShare: sixDigits(m.sameCpuShare),
      efficiency: derived.efficiency === undefined ? Number.NaN : sixDigits(derived.efficiency),
    },
  };
}

/** System time over all CPU time; NaN where there was none. */
function systemShareOf(userMs: number, systemMs: number): number {
  return userMs + systemMs > 0 ? systemMs / (userMs + systemMs) : Number.NaN;
}

/** A row's parameters, from its `param_<name>` columns, as name and value; empty columns left out. */
export function paramsOfRow(row: CsvRecord): (readonly [string, string])[] {
  return Object.entries(row)
    .filter(([column, value]) => column.startsWith('param_') && value !== '')
    .map(([column, value]) => [column.slice('param_'.length), value] as const);
}

/** `pooled:tinypool@transfer` for a row of a pool other than piscina and a hand-off other than clone (plan/cell.ts runnerLabel). */
export function variantLabelOfRow(row: CsvRecord): string {
  return runnerLabel({ variant: row.variant ?? '', pool: row.pool || undefined, handoff: row.handoff || undefined });
}

/** The rounds of a cells CSV (any version this project wrote), typed. */
export function roundRecordsOf(rows: readonly CsvRecord[]): RoundRecord[] {
  return rows.map(roundRecordOfRow);
}

function roundRecordOfRow(row: CsvRecord): RoundRecord {
  const text = (column: string) => row[column] ?? '';
  const key: RoundRecord = {
    runId: text('run_id'),
    round: Number(text('round')),
    timestamp: text('timestamp'),
    cell: text('cell'),
    scenario: text('scenario'),
    params: paramsOfRow(row),
    variant: text('variant'),
    pool: text('pool'),
    poolVersion: text('pool_version'),
    poolDefaultSize: text('pool_default_size') === 'true',
    handoff: text('handoff'),
    threads: Number(text('threads')),
    status: text('status'),
    error: text('error'),
    machine: {
      gitCommit: text('git_commit'),
      nodeVersion: text('node_version'),
      v8Version: text('v8_version'),
      os: text('os'),
      cpuModel: text('cpu_model'),
      availableCores: Number(text('available_cores')),
    },
  };
  if (key.status !== 'ok') return key;
  // An empty figure, or a column the file predates: NaN.
  const figure = (column: string) => (text(column) === '' ? Number.NaN : Number(text(column)));
  const cpuMsPerTaskWritten = figure('cpu_ms_per_task');
  return {
    ...key,
    figures: {
      throughput: figure('throughput_median'),
      // Files before the column: from the CPU time and the tasks it covered.
      cpuMsPerTask: Number.isNaN(cpuMsPerTaskWritten)
        ? cpuMsPerTaskOver(figure('cpu_user_ms'), figure('cpu_sys_ms'), figure('samples'), figure('tasks'))
        : cpuMsPerTaskWritten,
      cpuVsSync: figure('cpu_vs_sync'),
      systemShare: systemShareOf(figure('cpu_user_ms'), figure('cpu_sys_ms')),
      hostMbps: figure('host_mbps'),
      vcpuSlowestMbps: figure('vcpu_slowest_mbps'),
      vcpuFastestMbps: figure('vcpu_fastest_mbps'),
      vcpuCellMbps: figure('vcpu_cell_mbps'),
      latencyP50Ms: figure('latency_p50_ms'),
      latencyP99Ms: figure('latency_p99_ms'),
      eldP99Ms: figure('eld_p99_ms'),
      eldMaxMs: figure('eld_max_ms'),
      elu: figure('elu'),
      blockedMain: text('blocked_main') === 'true',
      coldFirstMs: figure('cold_first_ms'),
      coldBurstMs: figure('cold_burst_ms'),
      handoffInMs: figure('handoff_in_ms'),
      handoffOutMs: figure('handoff_out_ms'),
      sameCpuShare: figure('same_cpu_share'),
      efficiency: figure('efficiency'),
    },
  };
}
