// Runs one cell in a fresh child Node process and turns however it ends into a report:
// its own message, or a timeout, or a crash (it exited or was killed without one).
import { fileURLToPath } from 'node:url';
import type { Measurement } from '../measure/measurement.js';
import { throughputOf } from '../measure/throughput.js';
import { type CellSpec, cellSpecSchema } from './cell-spec.js';
import { runChild } from './child-process.js';
import { type ChildReport, childReportSchema } from './child-report.js';

const cellChild = fileURLToPath(new URL('./cell-child.js', import.meta.url));

export interface CellProcessOptions {
  readonly timeoutMs: number;
  /** Aborted on Ctrl-C: the child is killed and the cell reported as canceled, not as a row. */
  readonly signal?: AbortSignal;
}

/** The child's report, its measurement completed with the throughput the child leaves to the parent. */
export type CellProcessReport =
  | Exclude<ChildReport, { kind: 'measured' }>
  | { readonly kind: 'measured'; readonly measurement: Measurement }
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
    signal: options.signal,
    // This process's pool has exactly `threads`.
    threadpoolSize: spec.mode === 'measure' && spec.variant === 'libuv-async' ? spec.threads : undefined,
  });
  switch (ended.kind) {
    case 'reported': {
      const { report } = ended;
      if (report.kind !== 'measured') return report;
      const { batchMs, tasks } = report.measurement;
      return { kind: 'measured', measurement: { ...report.measurement, throughput: throughputOf(batchMs, tasks) } };
    }
    case 'canceled':
      return ended;
    case 'timeout':
      return { kind: 'failed', status: 'timeout', error: `cell did not finish within ${options.timeoutMs} ms (--timeout)` };
    case 'crashed':
      return { kind: 'failed', status: 'crashed', error: ended.error };
  }
}
