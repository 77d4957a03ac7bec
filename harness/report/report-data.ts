// The rows a report draws: read from result CSVs, one per cell (rounds folded into medians),
// grouped by scenario and params.
import { existsSync } from 'node:fs';
import { readCsvTable, type CsvRecord } from '../csv-read.js';
import { median } from '../median.js';
import { UsageError } from '../usage-error.js';

export interface ReportCell {
  readonly cell: string;
  readonly scenario: string;
  /** `iterations=1000`, or `iterations=1000, mode=a`. */
  readonly params: string;
  /** The first parameter's value as a number, for ordering task sizes; NaN for text. */
  readonly size: number;
  readonly variant: string;
  readonly threads: number;
  readonly status: string;
  readonly error: string;
  /** Medians over rounds of the CSV's figures; undefined where the status is not ok. */
  readonly figures?: Figures;
}

export interface Figures {
  readonly throughput: number;
  readonly throughputCiLow: number;
  readonly throughputCiHigh: number;
  readonly speedup?: number;
  readonly efficiency?: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly eldP99Ms: number;
  readonly eldMaxMs: number;
  readonly elu: number;
  /** Doctor's event-loop rule held for the main thread in some round (CSV `blocked_main`). */
  readonly blockedMain: boolean;
}

export interface RunInfo {
  readonly runIds: readonly string[];
  readonly gitCommit: string;
  readonly nodeVersion: string;
  readonly v8Version: string;
  readonly os: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly date: string;
}

export interface ReportData {
  readonly cells: readonly ReportCell[];
  readonly run: RunInfo;
}

type Row = CsvRecord;
const required = ['cell', 'scenario', 'variant', 'threads', 'status', 'throughput_median', 'available_cores'];

export function readReportData(path: string): ReportData {
  if (!existsSync(path)) throw new UsageError(`Expected the result CSV "${path}" to exist, found no such file`);
  const { rows } = readCsvTable(path);
  const first = rows[0];
  if (!first) throw new UsageError(`Expected rows in "${path}", got none`);
  const missing = required.filter((column) => !(column in first));
  if (missing.length > 0) throw new UsageError(`Expected "${path}" to be a threadbench result CSV, got one without ${missing.join(', ')}`);
  const byCell = new Map<string, Row[]>();
  for (const row of rows) byCell.set(row['cell'] ?? '', [...(byCell.get(row['cell'] ?? '') ?? []), row]);
  return {
    cells: [...byCell.values()].map(foldRounds),
    run: {
      runIds: [...new Set(rows.map((r) => r['run_id'] ?? ''))],
      gitCommit: first['git_commit'] ?? '',
      nodeVersion: first['node_version'] ?? '',
      v8Version: first['v8_version'] ?? '',
      os: first['os'] ?? '',
      cpuModel: first['cpu_model'] ?? '',
      cores: Number(first['available_cores']),
      date: first['timestamp'] ?? '',
    },
  };
}

function foldRounds(rows: readonly Row[]): ReportCell {
  const first = rows[0] ?? {};
  const params = Object.entries(first)
    .filter(([column, value]) => column.startsWith('param_') && value !== '')
    .map(([column, value]) => [column.slice('param_'.length), value] as const);
  const failed = rows.find((row) => row['status'] !== 'ok');
  const base = {
    cell: first['cell'] ?? '',
    scenario: first['scenario'] ?? '',
    params: params.map(([name, value]) => `${name}=${value}`).join(', '),
    size: Number(params[0]?.[1]),
    variant: first['variant'] ?? '',
    threads: Number(first['threads']),
    status: failed?.['status'] ?? 'ok',
    error: failed?.['error'] ?? '',
  };
  if (failed) return base;
  const figure = (column: string) => median(rows.map((row) => Number(row[column]))) ?? Number.NaN;
  const optional = (column: string) => (rows.every((row) => row[column] !== '') ? figure(column) : undefined);
  const speedup = optional('speedup_vs_sync');
  const efficiency = optional('efficiency');
  return {
    ...base,
    figures: {
      throughput: figure('throughput_median'),
      throughputCiLow: figure('throughput_ci95_low'),
      throughputCiHigh: figure('throughput_ci95_high'),
      ...(speedup !== undefined ? { speedup } : {}),
      ...(efficiency !== undefined ? { efficiency } : {}),
      latencyP50Ms: figure('latency_p50_ms'),
      latencyP99Ms: figure('latency_p99_ms'),
      eldP99Ms: figure('eld_p99_ms'),
      eldMaxMs: figure('eld_max_ms'),
      elu: figure('elu'),
      blockedMain: rows.some((row) => row['blocked_main'] === 'true'),
    },
  };
}

/** Cells grouped by scenario and params, groups in scenario order then by task size. */
export function groupCells(cells: readonly ReportCell[]): ReportCell[][] {
  const groups = new Map<string, ReportCell[]>();
  for (const cell of cells) {
    const key = `${cell.scenario}\u0000${cell.params}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups.values()].sort((a, b) => {
    const [x, y] = [a[0], b[0]];
    if (!x || !y) return 0;
    return x.scenario.localeCompare(y.scenario) || (Number.isNaN(x.size) ? x.params.localeCompare(y.params) : x.size - y.size);
  });
}
