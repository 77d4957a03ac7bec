// The report's Doctor table: each cell `npm run doctor` diagnosed, Doctor's findings beside
// threadbench's own verdict, linking to Doctor's page. Read from the Doctor run's CSV.
import { dirname, relative, resolve } from 'node:path';
import { UsageError } from '../plan/errors.js';
import { readCsvTable } from '../results/csv-read.js';
import { markdownCode, markdownText } from '../results/markdown-text.js';
import { escapeHtml } from './html.js';

export interface DoctorTableRow {
  readonly cell: string;
  readonly status: string;
  /** Doctor's category, or the reason there is none. */
  readonly category: string;
  readonly findings: string;
  readonly blockedMain: string;
  readonly workersSaturated: string;
  /** Doctor's page, relative to the report; empty without one. */
  readonly page: string;
}

const measures = [
  ['doctor_delay', 'delay'],
  ['doctor_cpu', 'cpu'],
  ['doctor_memory', 'memory'],
  ['doctor_handles', 'handles'],
  ['doctor_loop_utilization', 'loop utilization'],
] as const;

/** Rows of `npm run doctor`'s CSV, with page links made relative to the report at `reportPath`. */
export function readDoctorTable(csvPath: string, reportPath: string): DoctorTableRow[] {
  const { columns, rows } = readCsvTable(csvPath);
  if (!columns.includes('doctor_category')) {
    throw new UsageError(`Expected --doctor to be a CSV written by npm run doctor (with doctor_* columns), got ${csvPath}`);
  }
  return rows.map((row) => {
    const html = row.doctor_html ?? '';
    const flagged = measures.filter(([column]) => row[column] === 'performance').map(([, name]) => name);
    return {
      cell: row.cell ?? '',
      status: row.doctor_status ?? '',
      category: row.doctor_status === 'ok' ? (row.doctor_category ?? '') : `${row.doctor_status ?? ''}: ${row.doctor_error ?? ''}`,
      findings: row.doctor_status === 'ok' ? (flagged.length > 0 ? flagged.join(', ') : 'nothing flagged') : '',
      blockedMain: row.blocked_main ?? '',
      workersSaturated: row.workers_saturated ?? '',
      page: html === '' ? '' : relative(dirname(resolve(reportPath)), resolve(dirname(csvPath), html)),
    };
  });
}

export function doctorTableHtml(rows: readonly DoctorTableRow[]): string {
  const body = rows.map(
    (r) =>
      `<tr><td><code>${escapeHtml(r.cell)}</code></td><td class="status">${escapeHtml(r.category)}</td><td>${escapeHtml(r.findings)}</td>` +
      `<td>${escapeHtml(r.blockedMain)}</td><td>${escapeHtml(r.workersSaturated)}</td><td>${r.page ? `<a href="${escapeHtml(r.page)}">Doctor page</a>` : ''}</td></tr>`,
  );
  return `<h2>Clinic Doctor</h2>
<div class="table-wrap"><table id="doctor">
<thead><tr><th>cell</th><th>Doctor says</th><th>flagged by Doctor</th><th>blocked_main</th><th>workers_saturated</th><th>page</th></tr></thead>
<tbody>${body.join('\n')}</tbody></table></div>
<p class="meta">Doctor samples the whole process and cannot see inside worker threads; blocked_main and workers_saturated are threadbench's own verdict on the same cell (docs/guide/doctor.md: "Diagnosis").</p>`;
}

export function doctorTableMarkdown(rows: readonly DoctorTableRow[]): string {
  return [
    '## Clinic Doctor',
    '',
    '| cell | Doctor says | flagged by Doctor | blocked_main | workers_saturated |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${markdownCode(r.cell)} | ${markdownText(r.category)} | ${markdownText(r.findings)} | ${markdownText(r.blockedMain)} | ${markdownText(r.workersSaturated)} |`,
    ),
  ].join('\n');
}
