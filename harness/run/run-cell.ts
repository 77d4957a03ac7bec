// Runs one cell in a fresh child Node process and turns however it ends into a report:
// its own message, or a timeout, or a crash (it exited or was killed without one).
import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Measurement } from '../measure/measurement.js';
import { throughputOf } from '../measure/throughput.js';
import { type CellSpec, cellSpecSchema } from './cell-spec.js';
import { runChild } from './child-process.js';
import { type ChildReport, childReportSchema } from './child-report.js';

const cellChild = fileURLToPath(new URL('./cell-child.js', import.meta.url));

export interface CellProcessOptions {
  readonly timeoutMs: number;
  /** `--max-old-space-size` of the cell process: its workers take the same limit (V8's flags are the process's). */
  readonly heapLimitMb?: number;
  /** Aborted by a stop signal: the child is killed and the cell reported as canceled, not as a row. */
  readonly signal?: AbortSignal;
  /** The node binary the cell runs on (`--node`): its workers and threadpool are that Node's. */
  readonly nodePath?: string;
}

/** The child's report, its measurement completed with the throughput the child leaves to the parent. */
export type CellProcessReport =
  | Exclude<ChildReport, { kind: 'measured' }>
  | { readonly kind: 'measured'; readonly measurement: Measurement; readonly referenceDigest?: string }
  | { readonly kind: 'canceled' };

export async function runCellProcess(spec: CellSpec, options: CellProcessOptions): Promise<CellProcessReport> {
  const ended = await runChild({
    script: cellChild,
    // Checked here, once: the child trusts it rather than import zod into every cell process.
    request: cellSpecSchema.parse(spec),
    report: childReportSchema,
    subject: 'cell process',
    owes: 'a result',
    timeoutMs: options.timeoutMs,
    heapLimitMb: options.heapLimitMb,
    residentLimitMb: options.heapLimitMb === undefined ? undefined : residentLimitMb(options.heapLimitMb, spec),
    signal: options.signal,
    nodePath: options.nodePath,
    // This process's pool has exactly `threads`.
    threadpoolSize: spec.mode === 'measure' && spec.variant === 'libuv-async' ? spec.threads : undefined,
  });
  switch (ended.kind) {
    case 'reported': {
      const { report } = ended;
      if (report.kind === 'failed') return { ...report, error: namingWorkerOutOfMemory(report.error, options.heapLimitMb) };
      if (report.kind !== 'measured') return report;
      const { batchMs, tasks } = report.measurement;
      return {
        kind: 'measured',
        measurement: { ...report.measurement, throughput: throughputOf(batchMs, tasks) },
        ...(report.referenceDigest === undefined ? {} : { referenceDigest: report.referenceDigest }),
      };
    }
    case 'canceled':
      return ended;
    case 'timeout':
      return { kind: 'failed', status: 'timeout', error: `cell did not finish within ${options.timeoutMs} ms (--timeout)` };
    case 'crashed':
      return { kind: 'failed', status: 'crashed', error: ended.error };
  }
}

/**
 * A worker that reached the heap limit ends with Node's ERR_WORKER_OUT_OF_MEMORY, whose message
 * says "memory limit" but not which: say it was a worker thread, and the limit.
 */
function namingWorkerOutOfMemory(error: string, heapLimitMb: number | undefined): string {
  if (!/reaching memory limit|ERR_WORKER_OUT_OF_MEMORY/.test(error)) return error;
  const limit = heapLimitMb === undefined ? '' : ` (heap limit ${heapLimitMb} MiB a thread, --heap-limit)`;
  return `out of memory in a worker thread${limit}: ${error}`;
}

/**
 * A cell's resident memory may reach its threads' heap limits together (main and workers) and
 * 512 MiB more for Node itself and its Buffers, but never half the machine's memory.
 */
function residentLimitMb(heapLimitMb: number, spec: CellSpec): number {
  const threads = spec.mode === 'measure' ? spec.threads : 0;
  return Math.min(heapLimitMb * (threads + 1) + 512, Math.floor(totalmem() / 2 ** 20 / 2));
}
