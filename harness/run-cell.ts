// Runs one cell in a fresh child Node process and turns however it ends into a report:
// its own message, or a timeout, or a crash (it exited or was killed without one).
import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
import type { CellSpec, ChildReport } from './cell.js';
import { describeSilentExit } from './child-exit.js';

const cellChild = fileURLToPath(new URL('./cell-child.js', import.meta.url));

export interface CellProcessOptions {
  readonly timeoutMs: number;
  /** Aborted on Ctrl-C: the child is killed and the cell reported as canceled, not as a row. */
  readonly signal?: AbortSignal;
}

export type CellProcessReport = ChildReport | { readonly kind: 'canceled' };

export async function runCellProcess(spec: CellSpec, options: CellProcessOptions): Promise<CellProcessReport> {
  const result = await execaNode(cellChild, [JSON.stringify(spec)], {
    // Compiled JavaScript only: never inherit a TypeScript loader from whoever started us.
    nodeOptions: [],
    // Read once, when the threadpool first starts: this process's pool has exactly `threads`.
    env: { UV_THREADPOOL_SIZE: spec.variant === 'libuv-async' ? String(spec.threads) : undefined },
    serialization: 'advanced',
    timeout: options.timeoutMs,
    forceKillAfterDelay: 2000,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    stdout: 'ignore',
    stderr: 'pipe',
    reject: false,
  });
  if (result.isCanceled) return { kind: 'canceled' };
  const report = result.ipcOutput.find(isChildReport);
  if (result.timedOut) {
    return { kind: 'failed', status: 'timeout', error: `cell did not finish within ${options.timeoutMs} ms (--timeout)` };
  }
  if (report) return report;
  return { kind: 'failed', status: 'crashed', error: describeSilentExit(result, 'cell process', 'a result') };
}

function isChildReport(message: unknown): message is ChildReport {
  if (typeof message !== 'object' || message === null || !('kind' in message)) return false;
  return message.kind === 'measured' || message.kind === 'reference' || message.kind === 'failed';
}
