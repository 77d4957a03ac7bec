// The rows a report draws: read from a result CSV, one per cell (its rounds folded by
// harness/fold-rounds.ts, as the end-of-run table does), grouped by scenario and params.
import { existsSync } from 'node:fs';
import { UsageError } from '../plan/errors.js';
import { type CsvRecord, readCsvTable } from '../results/csv-read.js';
import { type CellSummary, type Figures, foldRounds } from '../results/fold-rounds.js';
import { roundRecordsOf } from '../results/round-record.js';

/** A cell as the report draws it: its rounds folded, as the end-of-run table and summary CSV fold them. */
export type ReportCell = CellSummary;
export type { Figures };

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

const required = ['cell', 'scenario', 'variant', 'threads', 'status', 'throughput_median', 'available_cores'];

export function readReportData(path: string): ReportData {
  if (!existsSync(path)) throw new UsageError(`Expected the result CSV "${path}" to exist, found no such file`);
  const { rows } = readCsvTable(path);
  const first = rows[0];
  if (!first) throw new UsageError(`Expected rows in "${path}", got none`);
  const missing = required.filter((column) => !(column in first));
  if (missing.length > 0) throw new UsageError(`Expected "${path}" to be a threadbench result CSV, got one without ${missing.join(', ')}`);
  return { cells: foldRounds(roundRecordsOf(rows)), run: readRunInfo(rows) };
}

/** What the run ran on, from its rows' metadata columns (the same on every row of a run). */
export function readRunInfo(rows: readonly CsvRecord[]): RunInfo {
  const first = rows[0] ?? {};
  return {
    runIds: [...new Set(rows.map((r) => r.run_id ?? ''))],
    gitCommit: first.git_commit ?? '',
    nodeVersion: first.node_version ?? '',
    v8Version: first.v8_version ?? '',
    os: first.os ?? '',
    cpuModel: first.cpu_model ?? '',
    cores: Number(first.available_cores),
    date: first.timestamp ?? '',
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
