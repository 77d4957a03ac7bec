// The summary CSV: one row per cell, its rounds folded (harness/fold-rounds.ts). Written at the end
// of a run beside the per-round CSV, which stays the record of every measurement.

import { variantOfLabel } from '../plan/cell.js';
import { type CsvRow, cellNameColumns, metadataColumns, round as sixDigits } from './csv.js';
import type { CellSummary } from './fold-rounds.js';

const figureColumns = [
  'rounds',
  'rounds_used',
  'slowed_rounds',
  'throughput',
  'throughput_ci95_low',
  'throughput_ci95_high',
  'speedup_vs_sync',
  'speedup_ci95_low',
  'speedup_ci95_high',
  'efficiency',
  'cpu_ms_per_task',
  'cpu_vs_sync',
  'unstable',
  'latency_p50_ms',
  'latency_p99_ms',
  'eld_p99_ms',
  'eld_max_ms',
  'elu',
  'blocked_main',
] as const;

export function summaryColumns(paramNames: readonly string[]): string[] {
  return ['run_id', ...cellNameColumns(paramNames), 'status', 'error', ...figureColumns, ...metadataColumns];
}

export function toSummaryRow(summary: CellSummary): CsvRow {
  const key = Object.fromEntries(
    Object.entries(summary.columns).filter(
      ([column]) => column.startsWith('param_') || (metadataColumns as readonly string[]).includes(column),
    ),
  );
  const row: CsvRow = {
    ...key,
    run_id: summary.columns['run_id'] ?? '',
    cell: summary.cell,
    scenario: summary.scenario,
    variant: variantOfLabel(summary.variant),
    pool: summary.pool,
    handoff: summary.handoff,
    threads: summary.threads,
    status: summary.status,
    error: summary.error,
    rounds: summary.rounds,
  };
  const f = summary.figures;
  if (!f) return row;
  return {
    ...row,
    rounds_used: f.roundsUsed,
    slowed_rounds: f.slowedRounds.join(' '),
    throughput: round(f.throughput),
    throughput_ci95_low: round(f.throughputCiLow),
    throughput_ci95_high: round(f.throughputCiHigh),
    speedup_vs_sync: round(f.speedup),
    speedup_ci95_low: round(f.speedupCiLow),
    speedup_ci95_high: round(f.speedupCiHigh),
    efficiency: round(f.efficiency),
    cpu_ms_per_task: round(f.cpuMsPerTask),
    cpu_vs_sync: round(f.cpuVsSync),
    unstable: String(f.unstable),
    latency_p50_ms: round(f.latencyP50Ms),
    latency_p99_ms: round(f.latencyP99Ms),
    eld_p99_ms: round(f.eldP99Ms),
    eld_max_ms: round(f.eldMaxMs),
    elu: round(f.elu),
    blocked_main: String(f.blockedMain),
  };
}

/** As the per-round CSV writes figures; empty where there is none (an interval from one round is unbounded). */
function round(value: number | undefined): number | string {
  return value === undefined || !Number.isFinite(value) ? '' : sixDigits(value);
}
