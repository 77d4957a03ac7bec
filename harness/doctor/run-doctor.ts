// Main side of a Doctor diagnosis: starts the Doctor child for one cell in a process group of its
// own, so that a timeout or Ctrl-C ends Doctor and the load process it started, not only Doctor.
import { fileURLToPath } from 'node:url';
import type { FailureStatus } from '../measure/measurement.js';
import { type Cell, choicesOf } from '../plan/cell.js';
import { runChild } from '../run/child-process.js';
import type { DoctorDiagnosis } from './diagnosis.js';
import { type DoctorRequest, doctorReportSchema } from './protocol.js';

const doctorChild = fileURLToPath(new URL('./doctor-child.js', import.meta.url));

export interface DoctorRunOptions {
  readonly tasks: number;
  readonly durationMs: number;
  readonly sampleIntervalMs: number;
  /** How long Doctor may take beyond the load itself (collect's start-up, visualize, analysis). */
  readonly timeoutMs: number;
  /** A private directory: Doctor's data, the load's temp files and Doctor's cwd (it looks for trace logs there). */
  readonly workDir: string;
  readonly htmlFile: string;
  readonly signal?: AbortSignal;
}

export type DoctorOutcome =
  | { readonly status: 'ok'; readonly diagnosis: DoctorDiagnosis; readonly digest: string; readonly tasks: number; readonly loadMs: number }
  | { readonly status: FailureStatus; readonly error: string }
  | { readonly status: 'canceled' };

export async function runDoctor(cell: Cell, options: DoctorRunOptions): Promise<DoctorOutcome> {
  if (options.signal?.aborted) return { status: 'canceled' };
  const request: DoctorRequest = {
    load: {
      scenarioFile: cell.scenarioFile,
      params: cell.params,
      variant: cell.variant,
      threads: cell.threads,
      ...choicesOf(cell),
      tasks: options.tasks,
      durationMs: options.durationMs,
      tmpDir: `${options.workDir}/tmp`,
      resultFile: `${options.workDir}/load-result.json`,
    },
    dataDir: `${options.workDir}/data`,
    htmlFile: options.htmlFile,
    sampleIntervalMs: options.sampleIntervalMs,
  };
  const limitMs = options.durationMs + options.timeoutMs;
  const ended = await runChild({
    script: doctorChild,
    request,
    report: doctorReportSchema,
    subject: "Doctor's process",
    owes: 'a diagnosis',
    timeoutMs: limitMs,
    signal: options.signal,
    threadpoolSize: cell.variant === 'libuv-async' ? cell.threads : undefined,
    cwd: options.workDir,
    ownGroup: true,
  });
  switch (ended.kind) {
    case 'canceled':
      return { status: 'canceled' };
    case 'timeout':
      return {
        status: 'timeout',
        error: `Doctor did not finish within ${limitMs} ms (the load's ${options.durationMs} ms plus --timeout)`,
      };
    case 'crashed':
      return { status: 'crashed', error: ended.error };
    case 'reported': {
      const { report } = ended;
      if (report.kind === 'failed') return { status: report.status, error: report.error };
      const { digest, tasks, loadMs } = report.load;
      return { status: 'ok', diagnosis: report.diagnosis, digest, tasks, loadMs };
    }
  }
}
