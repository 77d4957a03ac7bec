// Main side of a Doctor diagnosis: starts the Doctor child for one cell in a process group of its
// own, so that a timeout or Ctrl-C ends Doctor and the load process it started, not only Doctor.
import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
import type { Cell, FailureStatus } from '../cell.js';
import { describeSilentExit } from '../child-exit.js';
import type { DoctorDiagnosis } from './diagnosis.js';
import type { DoctorReport, DoctorRequest } from './protocol.js';

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
      tasks: options.tasks,
      durationMs: options.durationMs,
      tmpDir: `${options.workDir}/tmp`,
      resultFile: `${options.workDir}/load-result.json`,
    },
    dataDir: `${options.workDir}/data`,
    htmlFile: options.htmlFile,
    sampleIntervalMs: options.sampleIntervalMs,
  };
  const child = execaNode(doctorChild, [JSON.stringify(request)], {
    cwd: options.workDir,
    nodeOptions: [],
    env: { UV_THREADPOOL_SIZE: cell.variant === 'libuv-async' ? String(cell.threads) : undefined },
    serialization: 'advanced',
    detached: true,
    stdout: 'ignore',
    stderr: 'pipe',
    reject: false,
  });
  let timedOut = false;
  let canceled = false;
  const killGroup = (): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  };
  const limitMs = options.durationMs + options.timeoutMs;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, limitMs);
  const onAbort = (): void => {
    canceled = true;
    killGroup();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // A detached group outlives us unless ended: on a second Ctrl-C the harness exits at once.
  process.once('exit', killGroup);
  let result;
  try {
    result = await child;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    process.removeListener('exit', killGroup);
  }
  // Ctrl-C while Doctor ran wins over a timeout in the same moment: the user asked to stop. One
  // that came after Doctor finished leaves its diagnosis standing.
  if (canceled) return { status: 'canceled' };
  if (timedOut) return { status: 'timeout', error: `Doctor did not finish within ${limitMs} ms (the load's ${options.durationMs} ms plus --timeout)` };
  const report = (result.ipcOutput as unknown[]).find(isDoctorReport);
  if (report?.kind === 'diagnosed') {
    const { digest, tasks, loadMs } = report.load;
    return { status: 'ok', diagnosis: report.diagnosis, digest, tasks, loadMs };
  }
  if (report) return { status: report.status, error: report.error };
  return { status: 'crashed', error: describeSilentExit(result, "Doctor's process", 'a diagnosis') };
}

function isDoctorReport(message: unknown): message is DoctorReport {
  if (typeof message !== 'object' || message === null || !('kind' in message)) return false;
  return message.kind === 'diagnosed' || message.kind === 'failed';
}
