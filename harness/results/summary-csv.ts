// The summary CSV: one row per cell, its rounds folded (harness/fold-rounds.ts). Written at the end
// of a run beside the per-round CSV, which stays the record of every measurement.

import { variantOfLabel } from '../plan/cell.js';
import { type CsvRow, cellNameColumns, machineColumns, metadataColumns, paramColumns, sixDigitsOrEmpty } from './csv.js';
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
  'placement',
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
  const row: CsvRow = {
    ...paramColumns(summary.first.params),
    ...machineColumns(summary.first.machine),
    run_id: summary.first.runId,
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
    throughput: sixDigitsOrEmpty(f.throughput),
    throughput_ci95_low: sixDigitsOrEmpty(f.throughputCiLow),
    throughput_ci95_high: sixDigitsOrEmpty(f.throughputCiHigh),
    speedup_vs_sync: sixDigitsOrEmpty(f.speedup),
    speedup_ci95_low: sixDigitsOrEmpty(f.speedupCiLow),
    speedup_ci95_high: sixDigitsOrEmpty(f.speedupCiHigh),
    efficiency: sixDigitsOrEmpty(f.efficiency),
    cpu_ms_per_task: sixDigitsOrEmpty(f.cpuMsPerTask),
    cpu_vs_sync: sixDigitsOrEmpty(f.cpuVsSync),
    unstable: String(f.unstable),
    placement: f.placement,
    latency_p50_ms: sixDigitsOrEmpty(f.latencyP50Ms),
    latency_p99_ms: sixDigitsOrEmpty(f.latencyP99Ms),
    eld_p99_ms: sixDigitsOrEmpty(f.eldP99Ms),
    eld_max_ms: sixDigitsOrEmpty(f.eldMaxMs),
    elu: sixDigitsOrEmpty(f.elu),
    blocked_main: String(f.blockedMain),
  };
}
