// The CSV contract read by the regression check, the report and the diagnosis: one row per cell,
// and a long-format samples file keyed to it. Pure functions: records in, text out.
import { stringify } from 'csv-stringify/sync';
import { judgeLoop } from '../measure/loop-verdict.js';
import { cpuMsPerTask, cpuMsPerTaskOver } from '../measure/vs-sync.js';
import { axesOf, type Cell, cellId } from '../plan/cell.js';
import type { CellRecord } from '../run/cell-record.js';
import { poolVersion } from '../run/pools/version.js';
import { type CellMachine, machineOfCell, type RunMetadata } from './machine.js';

export type CsvValue = string | number;
export type CsvRow = Record<string, CsvValue>;

const measuredColumns = [
  'tasks',
  'samples',
  'throughput_mean',
  'throughput_ci95_low',
  'throughput_ci95_high',
  'throughput_median',
  'latency_p50_ms',
  'latency_p99_ms',
  'eld_p50_ms',
  'eld_p99_ms',
  'eld_max_ms',
  'elu',
  'elu_p50',
  'gc_max_ms_per_s',
  'blocked_main',
  'gc_pressure',
  'worker_busy_p50',
  'handoff_in_ms',
  'handoff_out_ms',
  'same_cpu_share',
  'migrations_per_task',
  'switches_per_task',
  'workers_saturated',
  'cpu_user_ms',
  'cpu_sys_ms',
  'measured_ms',
  'cpu_ms_per_task',
  'cpu_vs_sync',
  'main_cpu_ms_per_task',
  'peak_rss_mb',
  'host_mbps',
  'vcpu_slowest_mbps',
  'vcpu_fastest_mbps',
  'vcpu_cell_mbps',
  'cold_first_ms',
  'cold_burst_ms',
  'speedup_vs_sync',
  'efficiency',
  'digest',
] as const;
/** What a `pooled` row ran on, whatever became of it: the library's version, and whether its size is the library's default. */
const poolColumns = ['pool_version', 'pool_default_size'] as const;
export const metadataColumns = ['git_commit', 'node_version', 'v8_version', 'os', 'cpu_model', 'available_cores'] as const;

/** The columns that name a cell, in every file of a run; `param_<name>` for every parameter of its scenarios. */
export function cellNameColumns(paramNames: readonly string[]): string[] {
  return ['cell', 'scenario', ...paramNames.map((name) => `param_${name}`), 'variant', 'pool', 'handoff', 'threads'];
}

/** Column order of the cells file. */
export function cellColumns(paramNames: readonly string[]): string[] {
  return [
    'run_id',
    'round',
    'timestamp',
    ...cellNameColumns(paramNames),
    'status',
    'error',
    ...measuredColumns,
    ...poolColumns,
    ...metadataColumns,
  ];
}

/** Column order of the samples file: one row per measured batch. */
export function sampleColumns(paramNames: readonly string[]): string[] {
  return ['run_id', 'round', ...cellNameColumns(paramNames), 'sample', 'tasks', 'batch_ms', 'throughput'];
}

export function formatCsv(rows: readonly CsvRow[], columns: readonly string[], header: boolean): string {
  return stringify(rows as CsvRow[], { columns: [...columns], header });
}

export function toCellRow(record: CellRecord, meta: RunMetadata): CsvRow {
  const { outcome, derived } = record;
  const row: CsvRow = {
    ...keyColumns(record, meta.runId),
    timestamp: record.finishedAt.toISOString(),
    status: outcome.status,
    error: outcome.status === 'ok' ? '' : outcome.error,
    pool_version: record.cell.pool === undefined ? '' : poolVersion(record.cell.pool),
    pool_default_size: record.cell.pool === undefined ? '' : String(record.cell.poolDefaultSize === true),
    ...metadataRow(meta, record.cell),
  };
  if (outcome.status !== 'ok') return row;
  const m = outcome.measurement;
  const verdict = judgeLoop(m);
  return {
    ...row,
    tasks: m.tasks,
    samples: m.batchMs.length,
    throughput_mean: sixDigits(m.throughput.mean),
    throughput_ci95_low: sixDigits(m.throughput.ciLow),
    throughput_ci95_high: sixDigits(m.throughput.ciHigh),
    throughput_median: sixDigits(m.throughput.median),
    latency_p50_ms: sixDigits(m.latencyP50Ms),
    latency_p99_ms: sixDigits(m.latencyP99Ms),
    eld_p50_ms: sixDigits(m.eldP50Ms),
    eld_p99_ms: sixDigits(m.eldP99Ms),
    eld_max_ms: sixDigits(m.eldMaxMs),
    elu: sixDigits(m.elu),
    elu_p50: sixDigits(m.eluP50),
    gc_max_ms_per_s: sixDigits(m.gcMaxMsPerSecond),
    blocked_main: String(verdict.blockedMain),
    gc_pressure: String(verdict.gcPressure),
    worker_busy_p50: Number.isNaN(m.workerBusyP50) ? '' : sixDigits(m.workerBusyP50),
    handoff_in_ms: Number.isNaN(m.handoffInP50Ms) ? '' : sixDigits(m.handoffInP50Ms),
    handoff_out_ms: Number.isNaN(m.handoffOutP50Ms) ? '' : sixDigits(m.handoffOutP50Ms),
    same_cpu_share: sixDigitsOrEmpty(m.sameCpuShare),
    migrations_per_task: sixDigitsOrEmpty(m.migrationsPerTask),
    switches_per_task: sixDigitsOrEmpty(m.switchesPerTask),
    workers_saturated: verdict.workersSaturated === undefined ? '' : String(verdict.workersSaturated),
    cpu_user_ms: sixDigits(m.cpuUserMs),
    cpu_sys_ms: sixDigits(m.cpuSystemMs),
    measured_ms: sixDigits(m.measuredMs),
    cpu_ms_per_task: sixDigits(cpuMsPerTask(m)),
    cpu_vs_sync: derived.cpuVsSync === undefined ? '' : sixDigits(derived.cpuVsSync),
    main_cpu_ms_per_task: Number.isNaN(m.mainCpuMs) ? '' : sixDigits(cpuMsPerTaskOver(m.mainCpuMs, 0, m.batchMs.length, m.tasks)),
    peak_rss_mb: sixDigits(m.peakRssMb),
    host_mbps: sixDigits(m.hostMbps),
    vcpu_slowest_mbps: sixDigitsOrEmpty(record.vcpuSpeeds?.slowestMbps),
    vcpu_fastest_mbps: sixDigitsOrEmpty(record.vcpuSpeeds?.fastestMbps),
    vcpu_cell_mbps: sixDigitsOrEmpty(record.vcpuCellMbps),
    cold_first_ms: Number.isNaN(m.coldFirstMs) ? '' : sixDigits(m.coldFirstMs),
    cold_burst_ms: Number.isNaN(m.coldBurstMs) ? '' : sixDigits(m.coldBurstMs),
    speedup_vs_sync: derived.speedupVsSync === undefined ? '' : sixDigits(derived.speedupVsSync),
    efficiency: derived.efficiency === undefined ? '' : sixDigits(derived.efficiency),
    digest: m.digest,
  };
}

/** A row as a CSV reader hands it back: every value text. What the round fold reads. */
export function textRow(row: CsvRow): Record<string, string> {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [column, String(value)]));
}

export function toSampleRows(record: CellRecord, runId: string): CsvRow[] {
  if (record.outcome.status !== 'ok') return [];
  const { tasks, batchMs } = record.outcome.measurement;
  const key = keyColumns(record, runId);
  return batchMs.map((ms, index) => ({
    ...key,
    sample: index + 1,
    tasks,
    batch_ms: sixDigits(ms),
    throughput: sixDigits((tasks * 1000) / ms),
  }));
}

/** What a run ran on, on every row: the Node is the cell's own where the run has several (--node). */
export function metadataRow(meta: RunMetadata, cell?: Pick<Cell, 'node'>): CsvRow {
  return machineColumns(machineOfCell(meta, cell));
}

/** The metadata columns of a cell's machine. */
export function machineColumns(machine: CellMachine): CsvRow {
  return {
    git_commit: machine.gitCommit,
    node_version: machine.nodeVersion,
    v8_version: machine.v8Version,
    os: machine.os,
    cpu_model: machine.cpuModel,
    available_cores: machine.availableCores,
  };
}

/** The `param_<name>` columns of a cell's parameters. */
export function paramColumns(params: readonly (readonly [string, string | number])[]): CsvRow {
  return Object.fromEntries(params.map(([name, value]) => [`param_${name}`, value]));
}

/** The columns that say which cell and round a row is, shared by every file of a run. */
export function keyColumns({ cell, round }: Pick<CellRecord, 'cell' | 'round'>, runId: string): CsvRow {
  return {
    run_id: runId,
    round,
    cell: cellId(cell),
    scenario: cell.scenario,
    ...paramColumns(Object.entries(axesOf(cell))),
    variant: cell.variant,
    pool: cell.pool ?? '',
    handoff: cell.handoff ?? '',
    threads: cell.threads,
  };
}

/** Six significant digits: well past the run-to-run noise, short enough to read. */
export function sixDigits(value: number): number {
  return Number(value.toPrecision(6));
}

/** As a figure is written; empty where there is none (NaN, or an interval from one round, unbounded). */
export function sixDigitsOrEmpty(value: number | undefined): number | string {
  return value === undefined || !Number.isFinite(value) ? '' : sixDigits(value);
}
