// The server mode's CSV: one row per cell, load and round. The load and latency columns keep the
// names server mode was asked for, so that others can build on them.
import type { ServerRecord } from '../run/http/server-record.js';
import { type CsvRow, cellNameColumns, keyColumns, metadataColumns, metadataRow, sixDigits } from './csv.js';
import type { RunMetadata } from './machine.js';

const serverColumns = [
  'load',
  'capacity_rps',
  'offered_rps',
  'status',
  'error',
  'work_rps',
  'work_p50_ms',
  'work_p99_ms',
  'work_max_ms',
  'ping_p50_ms',
  'ping_p99_ms',
  'ping_max_ms',
  'http_errors',
  'work_due',
  'ping_due',
  'eld_p50_ms',
  'eld_p99_ms',
  'eld_max_ms',
  'elu',
  'gc_max_ms_per_s',
  'cpu_user_ms',
  'cpu_sys_ms',
  'measured_ms',
  'peak_rss_mb',
  'load_cpu_ms',
  'load_wall_ms',
] as const;

export function serverCellColumns(paramNames: readonly string[]): string[] {
  return ['run_id', 'round', 'timestamp', ...cellNameColumns(paramNames), ...serverColumns, ...metadataColumns];
}

export function toServerRow(record: ServerRecord, meta: RunMetadata): CsvRow {
  const { outcome } = record;
  const row: CsvRow = {
    ...keyColumns(record, meta.runId),
    timestamp: record.finishedAt.toISOString(),
    load: record.load,
    capacity_rps: sixDigits(record.capacityRps),
    offered_rps: sixDigits(record.load * record.capacityRps),
    status: outcome.status,
    error: outcome.status === 'ok' ? '' : outcome.error,
    ...metadataRow(meta, record.cell),
  };
  if (outcome.status !== 'ok') return row;
  const { work, ping, server } = outcome;
  return {
    ...row,
    // What users lost, whichever kind of request it was; a row that lost some says which first.
    error: work.firstProblem ?? ping.firstProblem ?? '',
    work_rps: sixDigits(work.answeredPerSecond),
    work_p50_ms: sixDigits(work.p50Ms),
    work_p99_ms: sixDigits(work.p99Ms),
    work_max_ms: sixDigits(work.maxMs),
    ping_p50_ms: sixDigits(ping.p50Ms),
    ping_p99_ms: sixDigits(ping.p99Ms),
    ping_max_ms: sixDigits(ping.maxMs),
    http_errors: work.errors + ping.errors,
    work_due: work.due,
    ping_due: ping.due,
    eld_p50_ms: sixDigits(server.eldP50Ms),
    eld_p99_ms: sixDigits(server.eldP99Ms),
    eld_max_ms: sixDigits(server.eldMaxMs),
    elu: sixDigits(server.elu),
    gc_max_ms_per_s: sixDigits(server.gcMaxMsPerSecond),
    cpu_user_ms: sixDigits(server.cpuUserMs),
    cpu_sys_ms: sixDigits(server.cpuSystemMs),
    measured_ms: sixDigits(server.measuredMs),
    peak_rss_mb: sixDigits(server.peakRssMb),
    load_cpu_ms: sixDigits(outcome.loadCpuMs),
    load_wall_ms: sixDigits(outcome.loadWallMs),
  };
}
