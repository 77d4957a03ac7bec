// The Doctor run's CSV: a bench row per cell (same columns as the cells file, so every tool that
// reads one reads the other) followed by Doctor's findings and a link to its page.

import { type CsvRow, cellColumns, toCellRow } from '../results/csv.js';
import type { RunMetadata } from '../results/machine.js';
import type { CellRecord } from '../run/cell-record.js';
import type { DoctorOutcome } from './run-doctor.js';

/** One cell of a Doctor run: its bench measurement and what Doctor made of the same load. */
export interface DoctorRecord {
  readonly bench: CellRecord;
  /**
   * `n/a` where the variant cannot run the scenario, `skipped` where the bench cell did not
   * measure, `canceled` where Ctrl-C came before Doctor finished.
   */
  readonly doctor:
    | Exclude<DoctorOutcome, { status: 'canceled' }>
    | { readonly status: 'n/a' | 'skipped' | 'canceled'; readonly error: string };
  /** Doctor's page, relative to the CSV; empty without one. */
  readonly htmlFile: string;
}

const doctorColumns = [
  'doctor_status',
  'doctor_error',
  'doctor_category',
  'doctor_delay',
  'doctor_cpu',
  'doctor_memory',
  'doctor_handles',
  'doctor_loop_utilization',
  'doctor_load_ms',
  'doctor_window_ms',
  'doctor_tasks',
  'doctor_html',
] as const;

export function doctorRunColumns(paramNames: readonly string[]): string[] {
  return [...cellColumns(paramNames), ...doctorColumns];
}

export function toDoctorRow(record: DoctorRecord, meta: RunMetadata): CsvRow {
  const row = { ...toCellRow(record.bench, meta), doctor_status: record.doctor.status, doctor_html: record.htmlFile };
  if (record.doctor.status !== 'ok') return { ...row, doctor_error: record.doctor.error };
  const { diagnosis, loadMs, tasks } = record.doctor;
  return {
    ...row,
    doctor_error: '',
    doctor_category: diagnosis.category,
    doctor_delay: diagnosis.delay,
    doctor_cpu: diagnosis.cpu,
    doctor_memory: diagnosis.memory,
    doctor_handles: diagnosis.handles,
    doctor_loop_utilization: diagnosis.loopUtilization,
    doctor_load_ms: Math.round(loadMs),
    doctor_window_ms: Number.isFinite(diagnosis.windowMs) ? Math.round(diagnosis.windowMs) : '',
    doctor_tasks: tasks,
  };
}
